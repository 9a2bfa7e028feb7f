/**
 * The contact form's email check: the same regex the protocol's `email` schema uses (valibot's
 * v.email), without bundling valibot's schema machinery (~1.5 KB gzipped) into the widget.
 * test/widget/email.test.ts checks it agrees with schema/protocol.ts ContactFrame, so the two
 * cannot drift apart unnoticed.
 */
import { EMAIL_REGEX } from "valibot";

export const isValidEmail = (email: string) => email.length <= 254 && EMAIL_REGEX.test(email);
