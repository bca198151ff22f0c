/** The note form's id: what a submission names to be read as a note (its draft id travels in the form's state). */
export const NOTE_FORM_ID = "oversight-note";
/** The amendment form's id: a recorded note's fields, changed with a reason. */
export const AMEND_FORM_ID = "oversight-amendment";
