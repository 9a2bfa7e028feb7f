/**
 * A team's expected response in the customer's language: the amount and unit through Intl.NumberFormat's
 * long unit names ("4 heures", "30 Minuten"), business days through the catalogue (Intl has no such unit),
 * inside the catalogue's "within" phrase. The admin's own wording, when set, is used as-is in every language.
 * NumberFormat rather than Intl.DurationFormat: one amount of one unit is all a team sets, and NumberFormat
 * gives the same words in every runtime the worker runs in.
 */
import { DEFAULT_SLA, type ExpectedResponse, type ExpectedResponseUnit } from "../../schema/domain";
import { copyLanguage, customerCopy } from "./customer-copy";

const INTL_UNITS: Record<Exclude<ExpectedResponseUnit, "business_day">, string> = {
  minute: "minute",
  hour: "hour",
  day: "day",
};

/** The override a stored text is: none when empty or the legacy default (the structured default says it). */
export function expectedResponseOverride(text: string | null | undefined): string | null {
  const trimmed = text?.trim() ?? "";
  return trimmed === "" || trimmed === DEFAULT_SLA.expectedResponse ? null : trimmed;
}

/** "within 4 hours", "4 heures maximum", "1 営業日以内"; the override as-is when set. */
export function formatExpectedResponse(language: string | null | undefined, expected: ExpectedResponse): string {
  if (expected.text) return expected.text;
  const copy = customerCopy(language);
  const duration =
    expected.unit === "business_day"
      ? copy.businessDays(expected.amount)
      : new Intl.NumberFormat(copyLanguage(language), {
          style: "unit",
          unit: INTL_UNITS[expected.unit],
          unitDisplay: "long",
        }).format(expected.amount);
  return copy.within(duration);
}
