import { toast } from "sonner";

/** Copies `text`, confirming with `confirmation`; says so when the browser will not allow it (plain http, iframes). */
export async function copyText(text: string, confirmation: string): Promise<void> {
  try {
    await navigator.clipboard.writeText(text);
    toast.success(confirmation);
  } catch {
    toast.error("The clipboard is not available here; select the text to copy it.");
  }
}
