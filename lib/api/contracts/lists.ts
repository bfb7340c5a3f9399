import { z } from "zod";

/** A list answer, `{ items, …more }`, named for the OpenAPI document. */
export const list = <T extends z.ZodType, M extends z.ZodRawShape>(id: string, item: T, more: M) => z.object({ items: z.array(item), ...more }).meta({ id });

/** One page of a longer list: its items and the cursor of the next page (null on the last). */
export const page = <T extends z.ZodType>(id: string, item: T) => list(id, item, { nextCursor: z.string().nullable() });
