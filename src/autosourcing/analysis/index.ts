// Batch analysis (docs/analysis.md): a list of identifiers parsed into rows, screened at once when small, stored and
// screened in the background chunk by chunk when large.
export { ANALYSIS_LIMITS, ANALYSIS_STATUSES, ROW_STATUSES, SCREENING_NOTE } from "./types.ts";
export type { AnalysisEconomics, AnalysisProgress, AnalysisRowInput, AnalysisStatus, RowStatus } from "./types.ts";
export { parseCsvList, parseJsonItems } from "./rows.ts";
export type { Duplicate, ParsedList } from "./rows.ts";
export {
  analysisOptions,
  analysisResultsQuery,
  analysisWorkerBody,
  analyzeBody,
  analyzeQuery,
  mergedOptions,
} from "./inputs.ts";
export type { AnalysisResultsQuery, AnalysisWorkerBody, AnalyzeBody, AnalyzeQuery } from "./inputs.ts";
export { planScreen, rowCostModel, rowVerdict, runScreen } from "./screen.ts";
export type { RowVerdict, ScreenOutcome, ScreenPlan, ScreenResult, ScreenRow } from "./screen.ts";
export {
  analysisProgress,
  analysisRowsPage,
  claimAnalysis,
  createAnalysis,
  getAnalysis,
  markAnalysisDispatched,
} from "./store.ts";
export type { AnalysisRecord, AnalysisRowRecord } from "./store.ts";
export { analysisView, progressOf, rowView, storedRowView } from "./views.ts";
export type { AnalysisRowView } from "./views.ts";
export { runAnalysis } from "./worker.ts";
export type { AnalysisRunResult } from "./worker.ts";
export { analysisTick, analysisWorkerUrl, signedAnalysisRequest } from "./tick.ts";
export type { AnalysisTickSummary } from "./tick.ts";
