import { Button } from "./button";
import { StateMessage } from "./state-message";

/** Something could not be loaded: what, why (in PostHog's or the dashboard's words), and a retry. */
export function LoadError({ title, detail, onRetry }: { title: string; detail: string; onRetry: () => void }) {
  return (
    <StateMessage tone="error" title={title}>
      <p>{detail}</p>
      <Button variant="secondary" size="sm" className="mt-3" onClick={onRetry}>
        Try again
      </Button>
    </StateMessage>
  );
}
