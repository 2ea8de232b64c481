import type { LlmGradableQuestion, LlmGradeFailure, LlmGradeResult } from '../core/llm-grade.js';
import { buildGradeRequest, parseGradeReply } from '../core/llm-grade.js';

// The model grader's process half: one plain fetch per main answer to an OpenAI-compatible Chat
// Completions endpoint. No retries: a failure means offline marks for that answer. Loaded only
// with `--grader llm`, so without the opt-in this module (and the network) is never touched.

/** Ollama's OpenAI-compatible endpoint on this machine. */
export const DEFAULT_LLM_BASE_URL = 'http://127.0.0.1:11434/v1';
export const DEFAULT_LLM_TIMEOUT_SEC = 60;

export interface LlmConfig {
  baseUrl: string;
  model: string;
  apiKey: string | null;
  timeoutMs: number;
}

/** Why the endpoint gave no usable grade: the transport's failures and the reply's. */
export type LlmCallFailure =
  | LlmGradeFailure
  | { kind: 'timeout'; message: string }
  | { kind: 'http'; message: string; status: number }
  | { kind: 'network'; message: string }
  | { kind: 'aborted'; message: string };

export type LlmCallResult = { ok: true; grade: Extract<LlmGradeResult, { ok: true }>['grade'] } | { ok: false; failure: LlmCallFailure };

export class LlmConfigError extends Error {
  override name = 'LlmConfigError';
}

/** Reads MOCKPREP_LLM_* into a config; throws LlmConfigError on a bad URL or timeout. */
export function readLlmConfig(env: Record<string, string | undefined>): LlmConfig {
  const baseUrl = (env.MOCKPREP_LLM_BASE_URL || DEFAULT_LLM_BASE_URL).replace(/\/+$/, '');
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    throw new LlmConfigError(`MOCKPREP_LLM_BASE_URL is not a URL: ${baseUrl}`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new LlmConfigError('MOCKPREP_LLM_BASE_URL must be http or https');
  const timeoutText = env.MOCKPREP_LLM_TIMEOUT;
  const timeoutSec = timeoutText ? Number(timeoutText) : DEFAULT_LLM_TIMEOUT_SEC;
  if (!Number.isFinite(timeoutSec) || timeoutSec <= 0)
    throw new LlmConfigError('MOCKPREP_LLM_TIMEOUT must be a positive number of seconds');
  const model = env.MOCKPREP_LLM_MODEL?.trim();
  if (!model) throw new LlmConfigError('the model grader needs MOCKPREP_LLM_MODEL (the model name the server knows, e.g. llama3.1)');
  return { baseUrl, model, apiKey: env.MOCKPREP_LLM_API_KEY || null, timeoutMs: timeoutSec * 1000 };
}

/** Whether a base URL's host is this machine (loopback), so nothing leaves it. */
export function isLocalHost(baseUrl: string): boolean {
  const host = new URL(baseUrl).hostname.replace(/^\[|\]$/g, '').toLowerCase();
  return host === 'localhost' || host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host);
}

export interface LlmGrader {
  grade(question: LlmGradableQuestion, answer: string, signal: AbortSignal): Promise<LlmCallResult>;
}

/**
 * A grader over `fetch`. `notice` is called once, before the first request, when the host is not
 * this machine (it names the host).
 */
export function createLlmGrader(config: LlmConfig, notice: (message: string) => void, fetchImpl: typeof fetch = fetch): LlmGrader {
  let warned = false;
  return {
    async grade(question, answer, signal) {
      if (!warned && !isLocalHost(config.baseUrl)) {
        warned = true;
        notice(`the model grader sends each answer to ${new URL(config.baseUrl).host}`);
      }
      const timeout = AbortSignal.timeout(config.timeoutMs);
      const headers: Record<string, string> = { 'content-type': 'application/json', accept: 'application/json' };
      if (config.apiKey) headers.authorization = `Bearer ${config.apiKey}`;
      let text: string;
      let status: number;
      try {
        const response = await fetchImpl(`${config.baseUrl}/chat/completions`, {
          method: 'POST',
          headers,
          body: JSON.stringify(buildGradeRequest(config.model, question, answer)),
          signal: AbortSignal.any([signal, timeout]),
        });
        status = response.status;
        text = await response.text();
      } catch (error) {
        if (signal.aborted) return fail({ kind: 'aborted', message: 'stopped while the model was grading' });
        if (timeout.aborted) return fail({ kind: 'timeout', message: `no reply within ${config.timeoutMs / 1000} s` });
        return fail({ kind: 'network', message: `could not reach ${new URL(config.baseUrl).host}${causeOf(error)}` });
      }
      if (status < 200 || status > 299) return fail({ kind: 'http', status, message: `the server answered ${status}` });
      const content = messageContent(text);
      if (content === null) return fail({ kind: 'wrong-shape', message: 'the reply has no message content' });
      return parseGradeReply(content, question.keyPoints.length);
    },
  };
}

function fail(failure: LlmCallFailure): LlmCallResult {
  return { ok: false, failure };
}

function messageContent(body: string): string | null {
  try {
    const data = JSON.parse(body) as { choices?: { message?: { content?: unknown } }[] };
    const content = data.choices?.[0]?.message?.content;
    return typeof content === 'string' ? content : null;
  } catch {
    return null;
  }
}

function causeOf(error: unknown): string {
  const cause = error instanceof Error ? (error.cause as { code?: unknown } | undefined) : undefined;
  return typeof cause?.code === 'string' ? ` (${cause.code})` : '';
}
