// Every handler a test builds is wrapped so that each response it answers is checked against the OpenAPI document
// (test/helpers/contract.ts) before the test sees it: the integration suites are contract tests without a line
// of their own. The pipeline itself is untouched; only its answer is read, from a clone.
import { vi } from "vitest";
import { checkContract, doorNames } from "../helpers/contract.ts";

// Endpoints a test defines for itself (the pipeline's own tests) are not doors, so not in the contract.
const DOORS = new Set(doorNames());

vi.mock(import("../../src/app/endpoint.ts"), async (importOriginal) => {
  const original = await importOriginal();
  const endpointFactory: typeof original.endpointFactory = (runtimeOf) => {
    const define = original.endpointFactory(runtimeOf);
    return (spec) => {
      const handler = define(spec);
      if (!DOORS.has(spec.name)) return handler;
      const target = (request: Request) => ({ fn: spec.name, method: request.method });
      const serve: typeof handler.serve = async (request, context, runtime) =>
        request.method === "OPTIONS"
          ? handler.serve(request, context, runtime)
          : checkContract(target(request), await handler.serve(request, context, runtime));
      const wrapped = (request: Request, context: Parameters<typeof handler>[1]) => serve(request, context);
      return Object.assign(wrapped, { endpoint: handler.endpoint, serve });
    };
  };
  return { ...original, endpointFactory };
});
