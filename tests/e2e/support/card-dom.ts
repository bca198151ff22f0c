import type { Locator, Page } from "playwright-core";
import type { CardInput } from "./playground-chat.ts";

// Filling an Adaptive Card the way a person does in the Playground, whose renderer (Adaptive
// Cards JS with Fluent UI v9 controls) does not put the card's input ids in the page: each
// input is an `.ac-input-container` whose control has a generated id (`__ac-…`) and a
// `<label for>` with the card's label (plus an aria-hidden " *" when required). Inputs are
// matched to the card's JSON by order, and the labels are checked to agree.
//
//   Input.Text            <input type=text> / <textarea> (isMultiline)
//   Input.Date            Fluent DatePicker: a read-only-in-practice combobox ("21 November 2026"
//                         in en-GB); typing does nothing, the calendar popup sets it
//   Input.Time            Fluent TimePicker: a combobox listing every half hour ("14:00" in en-GB)
//   Input.ChoiceSet       compact: a Fluent Combobox; options are role=option by title

/** The page element for each of the card's inputs, by the input's id. */
export async function cardControls(card: Locator, inputs: readonly CardInput[]): Promise<Map<string, Locator>> {
  const rendered = await card.locator(".ac-input-container").evaluateAll((containers) =>
    containers.map((container) => {
      const control = container.querySelector("input, textarea");
      const label = control?.id ? container.ownerDocument.querySelector(`label[for="${control.id}"]`) : null;
      const visible = label ? Array.from(label.querySelectorAll(".ac-textRun:not([aria-hidden=true])"), (run) => run.textContent ?? "").join("") : "";
      return { domId: control?.id ?? "", label: visible || (label?.textContent ?? "") };
    }),
  );
  if (rendered.length !== inputs.length) {
    throw new Error(`The card has ${inputs.length} inputs but the page shows ${rendered.length}: ${JSON.stringify(rendered.map((r) => r.label))}`);
  }
  const bare = (label: string) => label.replace(/(\s*\*)+\s*$/, "").trim();
  const controls = new Map<string, Locator>();
  inputs.forEach((input, i) => {
    const shown = rendered[i]!;
    if (input.label && bare(shown.label) !== bare(input.label)) {
      throw new Error(`Input ${i + 1} (${input.id}) is labelled "${input.label}" in the card but "${shown.label}" on the page`);
    }
    if (!shown.domId) throw new Error(`Input ${input.id} has no control on the page`);
    controls.set(input.id, card.locator(`[id="${shown.domId}"]`));
  });
  return controls;
}

/** Types, picks or chooses `value` into one input, as a person would, and checks it took. */
export async function fillControl(page: Page, control: Locator, input: CardInput, value: string): Promise<void> {
  switch (input.type) {
    case "Input.Date":
      return pickDate(page, control, value);
    case "Input.Time":
      return pickOption(page, control, timeTitles(value), value);
    case "Input.ChoiceSet": {
      const title = input.choices.find((c) => c.value === value)?.title ?? value;
      return pickOption(page, control, [title], title);
    }
    default: {
      await control.fill(value);
      const now = await control.inputValue();
      if (now !== value) throw new Error(`${input.id}: typed ${JSON.stringify(value)} but the input holds ${JSON.stringify(now)}`);
    }
  }
}

const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

/** Picks a day ("2026-11-21") in the DatePicker's calendar popup: opens it, moves to the month, clicks the day. */
async function pickDate(page: Page, control: Locator, isoDate: string): Promise<void> {
  const [year, month, day] = isoDate.split("-").map(Number) as [number, number, number];
  await control.click();
  const calendar = page.locator(".fui-Calendar").last();
  await calendar.waitFor({ state: "visible", timeout: 10_000 });
  for (let step = 0; step < 36; step++) {
    const shown = (await calendar.locator(".fui-CalendarDay__monthAndYear").first().innerText()).trim(); // "November 2026"
    const [name, shownYear] = shown.split(/\s+/);
    const diff = (year - Number(shownYear)) * 12 + (month - 1 - MONTHS.indexOf(name ?? ""));
    if (diff === 0) break;
    await calendar.locator(`button[title^="${diff > 0 ? "Next month" : "Previous month"}"]`).first().click();
  }
  await calendar.locator(`button[aria-label="${day}, ${MONTHS[month - 1]}, ${year}"]`).first().click();
  const now = await control.inputValue();
  if (!now.includes(String(year)) || !now.includes(MONTHS[month - 1]!) || !new RegExp(`\\b${day}\\b`).test(now)) {
    throw new Error(`picked ${isoDate} but the date input shows ${JSON.stringify(now)}`);
  }
}

/** How the TimePicker may list "14:00": 24-hour (en-GB) or 12-hour (en-US). */
function timeTitles(hhmm: string): string[] {
  const [h, m] = hhmm.split(":").map(Number) as [number, number];
  const mm = String(m).padStart(2, "0");
  return [`${h}:${mm}`, `${String(h).padStart(2, "0")}:${mm}`, `${h % 12 || 12}:${mm} ${h < 12 ? "AM" : "PM"}`];
}

/** Opens a combobox and clicks the option titled one of `titles`; checks the box then shows it. */
async function pickOption(page: Page, control: Locator, titles: string[], wanted: string): Promise<void> {
  await control.click();
  const listbox = page.getByRole("listbox").last();
  await listbox.waitFor({ state: "visible", timeout: 10_000 });
  const option = listbox.getByRole("option").filter({ hasText: new RegExp(`^\\s*(${titles.map(escapeRegExp).join("|")})\\s*$`) }).first();
  if ((await option.count()) === 0) {
    const offered = await listbox.getByRole("option").allInnerTexts();
    throw new Error(`no option ${JSON.stringify(titles)} among ${JSON.stringify(offered.slice(0, 60))}`);
  }
  await option.click();
  if ((await control.getAttribute("aria-expanded")) === "true") await page.keyboard.press("Escape");
  const now = (await control.inputValue()).trim();
  if (!titles.includes(now)) throw new Error(`chose ${JSON.stringify(wanted)} but the box shows ${JSON.stringify(now)}`);
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
