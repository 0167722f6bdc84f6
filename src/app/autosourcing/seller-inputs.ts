import { z } from "zod";
import { decodeCursor, decodeReviewCursor, PICK_ACTIONS } from "../../autosourcing/index.ts";

const limitField = (max: number, fallback: number) =>
  z.coerce
    .number({ error: `limit must be a whole number from 1 to ${max}` })
    .int({ error: `limit must be a whole number from 1 to ${max}` })
    .min(1, { error: "limit must be at least 1" })
    .max(max, { error: `limit must be at most ${max}` })
    .default(fallback);

/** A `nextCursor` this endpoint handed out, decoded; anything else is refused. */
const cursorField = <T>(decode: (text: string) => T | null) =>
  z
    .string()
    .max(256, { error: "cursor must be a nextCursor this endpoint returned" })
    .transform((text, ctx) => {
      const decoded = decode(text);
      if (decoded) return decoded;
      ctx.addIssue({ code: "custom", message: "cursor must be a nextCursor this endpoint returned, unchanged" });
      return z.NEVER;
    });

/** GET /api/v1/review/today?daysBack=1..7&minRoi=&limit=&cursor= */
export const reviewQuery = z.lazy(() =>
  z.strictObject({
    daysBack: z.coerce
      .number({ error: "daysBack must be a whole number of days from 1 to 7" })
      .int({ error: "daysBack must be a whole number of days from 1 to 7" })
      .min(1, { error: "daysBack must be at least 1 (the last 24 hours)" })
      .max(7, { error: "daysBack must be at most 7" })
      .default(1),
    minRoi: z.coerce
      .number({ error: "minRoi must be a number (percent)" })
      .min(-100, { error: "minRoi must be at least -100 (percent)" })
      .max(10_000, { error: "minRoi must be at most 10000 (percent)" })
      .default(30),
    limit: limitField(500, 100),
    cursor: cursorField(decodeReviewCursor).optional(),
  }),
);
export type ReviewQuery = z.infer<typeof reviewQuery>;

/** GET /api/v1/picks?action=&limit=&cursor= (CSV with Accept: text/csv). */
export const picksQuery = z.lazy(() =>
  z
    .strictObject({
      action: z.enum(PICK_ACTIONS, { error: `action must be one of ${PICK_ACTIONS.join(", ")}` }).default("to_buy"),
      limit: limitField(100, 50),
      cursor: cursorField(decodeCursor).optional(),
    })
    .superRefine((query, ctx) => {
      if (query.cursor && query.cursor.action !== query.action) {
        const message = `this cursor pages through action=${query.cursor.action}; drop it to start action=${query.action}`;
        ctx.addIssue({ code: "custom", path: ["cursor"], message });
      }
    }),
);
export type PicksQuery = z.infer<typeof picksQuery>;
