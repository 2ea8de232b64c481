import { afterEach, describe, expect, it } from 'vitest';
import { createLlmGrader, isLocalHost, readLlmConfig } from '../../src/io/llm-client.js';
import type { FakeLlmServer, FakeReply } from '../support/fake-llm-server.js';
import { startFakeLlmServer } from '../support/fake-llm-server.js';

const question = {
  prompt: 'What is a reward model?',
  keyPoints: [{ point: 'Trained on human preference comparisons' }, { point: 'Reward hacking' }],
  redFlags: [],
  notes: null,
};
const good = JSON.stringify({
  keyPoints: [
    { index: 1, covered: true, evidence: 'pairs of answers people compared' },
    { index: 2, covered: false, evidence: '' },
  ],
  followUp: 'How would the policy exploit it?',
  feedback: 'Clear on the data. Nothing on reward hacking.',
});

let server: FakeLlmServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function grade(reply: FakeReply, options: { timeoutMs?: number; signal?: AbortSignal; apiKey?: string } = {}) {
  server = await startFakeLlmServer(() => reply);
  const grader = createLlmGrader(
    { baseUrl: server.baseUrl, model: 'fake-model', apiKey: options.apiKey ?? null, timeoutMs: options.timeoutMs ?? 5000 },
    () => {
      throw new Error('no notice for 127.0.0.1');
    },
  );
  return grader.grade(question, 'it learns from pairs of answers people compared', options.signal ?? new AbortController().signal);
}

describe('the model grader client, against a fake server on 127.0.0.1', () => {
  it('posts model, messages and response_format to /chat/completions, with the Bearer key', async () => {
    const result = await grade({ content: good }, { apiKey: 'sk-test' });
    expect(result).toEqual({
      ok: true,
      grade: {
        marks: [
          { covered: true, evidence: 'pairs of answers people compared' },
          { covered: false, evidence: null },
        ],
        followUp: 'How would the policy exploit it?',
        feedback: 'Clear on the data. Nothing on reward hacking.',
      },
    });
    const [request] = server?.requests ?? [];
    expect(server?.requests).toHaveLength(1);
    expect(request?.method).toBe('POST');
    expect(request?.url).toBe('/v1/chat/completions');
    expect(request?.headers.authorization).toBe('Bearer sk-test');
    const body = request?.body as { model: string; messages: { content: string }[]; response_format: { type: string } };
    expect(body.model).toBe('fake-model');
    expect(body.response_format.type).toBe('json_schema');
    expect(body.messages.at(-1)?.content).toContain('it learns from pairs of answers people compared');
  });

  it('sends no authorization header without a key', async () => {
    await grade({ content: good });
    expect(server?.requests[0]?.headers.authorization).toBeUndefined();
  });

  it.each([
    ['a malformed reply', { content: 'not json at all' } as FakeReply, 'not-json'],
    ['a wrong-shaped reply', { content: '{"keyPoints":"all"}' } as FakeReply, 'wrong-shape'],
    ['a body with no choices', { status: 200, body: '{"error":"x"}' } as FakeReply, 'wrong-shape'],
    ['a 500', { status: 500, body: 'boom' } as FakeReply, 'http'],
    ['a 401', { status: 401, body: '{}' } as FakeReply, 'http'],
    ['a closed socket', { destroy: true } as FakeReply, 'network'],
  ])('%s is one typed failure, one request (no retry)', async (_name, reply, kind) => {
    const result = await grade(reply);
    expect(result.ok ? 'ok' : result.failure.kind).toBe(kind);
    expect(server?.requests).toHaveLength(1);
  });

  it('gives up at the time limit', async () => {
    const started = Date.now();
    const result = await grade({ hang: true }, { timeoutMs: 200 });
    expect(result.ok ? 'ok' : result.failure.kind).toBe('timeout');
    expect(Date.now() - started).toBeLessThan(4000);
  });

  it('stops at once on the session signal (Ctrl-C while waiting)', async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 100);
    const result = await grade({ hang: true }, { signal: controller.signal });
    expect(result.ok ? 'ok' : result.failure.kind).toBe('aborted');
  });

  it('a port where nothing listens is a network failure', async () => {
    server = await startFakeLlmServer(() => ({ content: good }));
    const baseUrl = server.baseUrl;
    await server.close();
    server = undefined;
    const grader = createLlmGrader({ baseUrl, model: 'm', apiKey: null, timeoutMs: 2000 }, () => {});
    const result = await grader.grade(question, 'x', new AbortController().signal);
    expect(result.ok ? 'ok' : result.failure.kind).toBe('network');
  });

  it('names a host not on this machine once, before the first request', async () => {
    const notices: string[] = [];
    const fetchImpl = (async () => {
      notices.push('fetched');
      return new Response('{}', { status: 500 });
    }) as typeof fetch;
    const grader = createLlmGrader(
      { baseUrl: 'https://llm.example.com/v1', model: 'm', apiKey: null, timeoutMs: 1000 },
      (m) => notices.push(m),
      fetchImpl,
    );
    await grader.grade(question, 'x', new AbortController().signal);
    await grader.grade(question, 'x', new AbortController().signal);
    expect(notices).toEqual(['the model grader sends each answer to llm.example.com', 'fetched', 'fetched']);
  });
});

describe('the model grader config', () => {
  it.each([
    ['http://127.0.0.1:11434/v1', true],
    ['http://localhost:8080/v1', true],
    ['http://[::1]:8080/v1', true],
    ['https://api.example.com/v1', false],
    ['http://192.168.1.5:11434/v1', false],
  ])('%s is local: %s', (url, local) => {
    expect(isLocalHost(url)).toBe(local);
  });

  it('defaults to Ollama on this machine and 60 s, and needs a model', () => {
    expect(readLlmConfig({ MOCKPREP_LLM_MODEL: 'llama3.1' })).toEqual({
      baseUrl: 'http://127.0.0.1:11434/v1',
      model: 'llama3.1',
      apiKey: null,
      timeoutMs: 60_000,
    });
    expect(() => readLlmConfig({})).toThrow(/MOCKPREP_LLM_MODEL/);
    expect(() => readLlmConfig({ MOCKPREP_LLM_MODEL: 'm', MOCKPREP_LLM_TIMEOUT: 'soon' })).toThrow(/MOCKPREP_LLM_TIMEOUT/);
  });
});
