import { describe, expect, it } from "vitest";
import { fieldsFromJson, fieldsToJson } from "../../src/domain/note-json.ts";
import { completeFields } from "../support/fixtures.ts";

describe("a note's fields as storage keeps them", () => {
  it("reads a note stored before guesses and 'does not apply' answers as having neither", () => {
    const { guessed: _g, reviewDoesNotApply: _r, childViewsDoesNotApply: _c, ...before } = completeFields();
    const read = fieldsFromJson(JSON.stringify(before));
    expect(read).toMatchObject({ guessed: [], reviewDoesNotApply: null, childViewsDoesNotApply: null });
  });

  it("gives back what it was given", () => {
    const fields = completeFields({ guessed: ["issue"], review: null, reviewDoesNotApply: "first note on this case" });
    expect(fieldsFromJson(fieldsToJson(fields))).toEqual(fields);
  });
});
