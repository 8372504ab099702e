// Run by `npm start` before anything else: a bad setting stops the start with a message naming it.
// (Executed with the react-server condition, so the server modules' "server-only" import is inert.)
import { ConfigError, parseConfig } from "../lib/server/config";

try {
  const config = parseConfig(process.env);
  console.log(`Allowed PostHog hosts: ${config.allowedOrigins.join(", ")}`);
} catch (error) {
  if (error instanceof ConfigError) {
    console.error(`Configuration error in ${error.variable}: ${error.message.slice(error.variable.length + 2)}`);
    process.exit(1);
  }
  throw error;
}
