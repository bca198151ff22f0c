import { describe, expect, it } from "vitest";
import { splitParts } from "../../adapters/slack/render-modal.ts";

// How a text longer than one Slack input (3,000 characters) is cut into parts, and that the
// parts and what each cut took out give the text back exactly.

const rejoin = ({ parts, cuts }: ReturnType<typeof splitParts>) => parts.reduce((text, part, i) => text + (i > 0 ? cuts[i - 1] : "") + part, "");

describe("splitParts", () => {
  it.each([
    ["short text, one part", "a few words", 1],
    ["exactly 3,000", "x".repeat(3000), 1],
    ["lines", Array.from({ length: 120 }, (_, i) => `line ${i} `.padEnd(60, "-")).join("\n"), 3],
    ["words on one line", Array.from({ length: 1500 }, (_, i) => `word${i}`).join(" "), 5],
    ["one very long word", "y".repeat(7000), 3],
    ["emoji across the limit", "z".repeat(2999) + "😀" + "z".repeat(100), 2],
  ])("%s: every part fits, and joined with its cuts is the text", (_, text, count) => {
    const split = splitParts(text);
    expect(split.parts).toHaveLength(count);
    expect(split.cuts).toHaveLength(count - 1);
    for (const part of split.parts) expect(part.length).toBeLessThanOrEqual(3000);
    expect(rejoin(split)).toBe(text);
  });

  it("never splits an emoji's two halves", () => {
    const { parts } = splitParts("z".repeat(2999) + "😀" + "z".repeat(100));
    expect(parts[0]).toBe("z".repeat(2999));
    expect(parts[1]!.startsWith("😀")).toBe(true);
  });

  it("cuts at a line break or a space in the second half, never mid-word when it can help it", () => {
    const { parts, cuts } = splitParts("a".repeat(2000) + " " + "b".repeat(2000));
    expect(parts).toEqual(["a".repeat(2000), "b".repeat(2000)]);
    expect(cuts).toEqual([" "]);
  });

  it("leaves no empty part for a break at the very end", () => {
    expect(splitParts("x".repeat(3000) + "\n")).toEqual({ parts: ["x".repeat(3000)], cuts: [] });
  });
});
