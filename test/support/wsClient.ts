/**
 * A raw graphql-transport-ws client for tests: every message and the close code are visible, so a
 * test can assert exactly what a client sees (an error message for one operation, or the socket
 * closed with 4401, 4403, 4408, 4429, 1009).
 */
import WebSocket from "ws";

export interface Closed {
  code: number;
  reason: string;
}

export interface WsMessage {
  id?: string;
  type: string;
  payload?: any;
}

export class RawSocket {
  readonly messages: WsMessage[] = [];
  readonly closed: Promise<Closed>;
  private waiters: (() => void)[] = [];
  private nextId = 1;

  private constructor(readonly ws: WebSocket) {
    ws.on("message", (data) => {
      this.messages.push(
        JSON.parse(Buffer.isBuffer(data) ? data.toString("utf8") : Buffer.concat(data as Buffer[]).toString("utf8")) as WsMessage,
      );
      for (const wake of this.waiters.splice(0)) wake();
    });
    this.closed = new Promise((resolve) => ws.on("close", (code, reason) => resolve({ code, reason: String(reason) })));
    ws.on("error", () => {});
  }

  /** Opens a socket on `httpUrl`'s /graphql; with `init`, sends connection_init (with `params`) and waits for the answer. */
  static async open(httpUrl: string, params?: Record<string, unknown>, init = true): Promise<RawSocket> {
    const ws = new WebSocket(`${httpUrl.replace(/^http/, "ws")}/graphql`, "graphql-transport-ws");
    const socket = new RawSocket(ws);
    await new Promise<void>((resolve, reject) => {
      ws.once("open", () => resolve());
      ws.once("error", reject);
    });
    if (init) {
      socket.send({ type: "connection_init", ...(params ? { payload: params } : {}) });
      await Promise.race([socket.waitFor((m) => m.type === "connection_ack"), socket.closed]);
    }
    return socket;
  }

  send(message: WsMessage | string): void {
    this.ws.send(typeof message === "string" ? message : JSON.stringify(message));
  }

  get isOpen(): boolean {
    return this.ws.readyState === WebSocket.OPEN;
  }

  /** The first message (from `from` on) that matches; rejects if the socket closes first. */
  async waitFor(match: (m: WsMessage) => boolean, from = 0): Promise<WsMessage> {
    for (;;) {
      const found = this.messages.slice(from).find(match);
      if (found) return found;
      if (this.ws.readyState === WebSocket.CLOSED) throw new Error("socket closed");
      await Promise.race([new Promise<void>((resolve) => this.waiters.push(resolve)), this.closed]);
    }
  }

  /** Starts an operation; returns its id. */
  start(query: string, variables?: Record<string, unknown>, operationName?: string): string {
    const id = String(this.nextId++);
    this.send({ id, type: "subscribe", payload: { query, variables, operationName } });
    return id;
  }

  /** Runs a query or mutation: its `next` payload, or its `error` payload as `{ errors }`. */
  async run(query: string, variables?: Record<string, unknown>): Promise<{ data?: any; errors?: any[]; extensions?: any }> {
    const id = this.start(query, variables);
    const answer = await this.waitFor((m) => m.id === id && (m.type === "next" || m.type === "error"));
    return answer.type === "error" ? { errors: answer.payload as any[] } : answer.payload;
  }

  /** The `next` payloads of operation `id` so far. */
  events(id: string): any[] {
    return this.messages.filter((m) => m.id === id && m.type === "next").map((m) => m.payload);
  }

  async close(): Promise<void> {
    if (this.ws.readyState === WebSocket.OPEN) this.ws.close(1000);
    await this.closed;
  }
}

export const codesOf = (answer: { errors?: any[] }): unknown[] => (answer.errors ?? []).map((e) => e.extensions?.code);
