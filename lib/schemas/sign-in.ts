import { z } from "zod";

/** `POST /api/session`: the same schema checks the sign-in form in the browser and the route on the server. */
export const SignInRequest = z.object({
  host: z.string().trim().min(1, "Choose a PostHog host."),
  personalApiKey: z
    .string()
    .trim()
    .min(1, "Paste a personal API key.")
    .regex(/^phx_[A-Za-z0-9]+$/, "A personal API key starts with phx_ followed by letters and digits."),
});
export type SignInRequest = z.infer<typeof SignInRequest>;

export const SIGN_IN_REASONS: Record<string, string> = {
  not_signed_in: "Your session has ended. Sign in again to continue.",
  key_rejected: "PostHog no longer accepts your personal API key: it may have been deleted or rolled. Sign in with a current key.",
  signed_out: "You have signed out.",
};
