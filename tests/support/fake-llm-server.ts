import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

// A small OpenAI-compatible Chat Completions server on 127.0.0.1 (never any other address), for
// the model grader's tests. Each request is recorded; `reply` decides what it gets.

export interface RecordedRequest {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: unknown;
}

export type FakeReply =
  | { content: string }
  | { status: number; body: string }
  /** Never answers (a timeout or a Ctrl-C while waiting). */
  | { hang: true }
  /** Closes the socket without a response. */
  | { destroy: true }
  /** Answers with `reply` once `after` settles (a slow model the test releases). */
  | { after: Promise<unknown>; reply: FakeReply };

export interface FakeLlmServer {
  baseUrl: string;
  requests: RecordedRequest[];
  reply: (request: RecordedRequest) => FakeReply;
  close(): Promise<void>;
}

/** A completion whose message content is `content`. */
export function completion(content: string): string {
  return JSON.stringify({
    id: 'chatcmpl-fake',
    object: 'chat.completion',
    choices: [{ index: 0, message: { role: 'assistant', content }, finish_reason: 'stop' }],
  });
}

export async function startFakeLlmServer(reply: FakeLlmServer['reply']): Promise<FakeLlmServer> {
  const hanging = new Set<ServerResponse>();
  const fake: FakeLlmServer = {
    baseUrl: '',
    requests: [],
    reply,
    close: () =>
      new Promise((resolve) => {
        for (const response of hanging) response.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  const server = createServer((request, response) => {
    let text = '';
    request.setEncoding('utf8');
    request.on('data', (chunk: string) => {
      text += chunk;
    });
    request.on('end', () => {
      let body: unknown = text;
      try {
        body = JSON.parse(text);
      } catch {}
      const recorded = { method: request.method ?? '', url: request.url ?? '', headers: request.headers, body };
      fake.requests.push(recorded);
      respond(request, response, fake.reply(recorded));
    });
  });
  function respond(request: IncomingMessage, response: ServerResponse, answer: FakeReply): void {
    if ('after' in answer) {
      hanging.add(response);
      void answer.after.then(() => {
        hanging.delete(response);
        if (!response.destroyed) respond(request, response, answer.reply);
      });
      return;
    }
    if ('hang' in answer) {
      hanging.add(response);
      return;
    }
    if ('destroy' in answer) {
      request.socket.destroy();
      return;
    }
    if ('content' in answer) {
      response.writeHead(200, { 'content-type': 'application/json' }).end(completion(answer.content));
      return;
    }
    response.writeHead(answer.status, { 'content-type': 'application/json' }).end(answer.body);
  }
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  fake.baseUrl = `http://127.0.0.1:${port}/v1`;
  return fake;
}
