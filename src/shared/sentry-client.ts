import * as Sentry from "@sentry/aws-serverless";
import { redactSecrets } from "./redact.ts";

let initialised = false;

function init(): void {
  if (initialised) return;
  Sentry.init({
    dsn: process.env.SENTRY_DSN,
    environment: process.env.SENTRY_ENVIRONMENT ?? "production",
    sendDefaultPii: false,
    beforeSend: (event) => redactSecrets(event),
  });
  initialised = true;
}

export async function captureWithSentry(error: unknown, tags: Record<string, string>): Promise<void> {
  init();
  Sentry.withIsolationScope((scope) => {
    scope.setTags(tags);
    Sentry.captureException(error);
  });
  await Sentry.flush(2000);
}
