/**
 * GraphQL over WebSocket (graphql-ws) on /graphql: queries, mutations and subscriptions. Every
 * operation goes through the same admission as HTTP (src/http/admission.ts); this module adds what
 * only sockets have: authentication at `connection_init` (a bad key closes with 4401), caps on
 * sockets per client address and subscriptions per socket, the `connection_init` timeout, the end
 * of a revoked key's socket (4403), and the delivery of events: each event's payload resolves with
 * a context made after it committed (fresh loaders, a deadline), shared by the events resolved in
 * the same turn so their loads batch, a few turns at a time across the server in slices of the
 * event loop (`deliveryTurns`), so that a write fanned out to many subscribers never stalls the
 * server. Each subscription's pending events are bounded (SUBSCRIBER_BUFFER in
 * src/graphql/changePubSub.ts): one that falls further behind ends with SUBSCRIPTION_TOO_SLOW.
 */
import { randomUUID } from "node:crypto";
import { performance } from "node:perf_hooks";
import type { IncomingMessage, Server } from "node:http";
import {
  createSourceEventStream,
  getOperationAST,
  GraphQLError,
  OperationTypeNode,
  print,
  type ExecutionArgs,
  type ExecutionResult,
  type GraphQLSchema,
} from "graphql";
import { execute } from "graphql";
import { CloseCode } from "graphql-ws";
import { useServer } from "graphql-ws/use/ws";
import type { Logger } from "pino";
import { WebSocketServer, type WebSocket } from "ws";
import type { Db } from "../../db/connection.js";
import { findLiveApiKey } from "../data/apiKeys.js";
import type { Context } from "../graphql/context.js";
import type { Viewer } from "../graphql/viewer.js";
import { ErrorCode } from "../lib/errorCodes.js";
import { ADMISSION_CODES, SUBSCRIPTION_LIMITS, type Admission } from "./admission.js";

/** Close codes beyond graphql-ws's own (4400 bad request, 4408 init timeout, 4409, 4429, 4500). */
export const SOCKET_CLOSE = {
  unauthenticated: CloseCode.Unauthorized, // 4401
  revoked: CloseCode.Forbidden, // 4403
  tooManySockets: 4429,
  messageTooBig: 1009, // ws's own, for a message over maxPayload
} as const;

export interface WebSocketOptions {
  httpServer: Server;
  schema: GraphQLSchema;
  admission: Admission;
  db: Db;
  logger: Logger;
  /** The viewer of an Authorization value; throws UNAUTHENTICATED for an unknown or revoked key. */
  viewerFrom(authorization: string | undefined): Promise<Viewer>;
  /** A request's context; `timed` gives it the execution deadline. */
  contextFor(options: { headers: Record<string, unknown>; clientAddress: string; viewer: Viewer; timed: boolean }): Context;
  /** A fresh context for one event of a subscription: fresh loaders, a deadline of its own. */
  eventContext(base: Context): Context;
  /** Told when a query or mutation over the socket has answered (or a subscription was refused): metrics and the log line, as HTTP requests get. */
  observe(operation: SocketOperation): void;
}

export interface SocketOperation {
  requestId: string;
  operationName: string | null | undefined;
  operationType: string | undefined;
  /** "ok", or the first error's code. */
  outcome: string;
  seconds: number;
  cost?: number;
  /** The key's name, or "anonymous" (for the server's log only). */
  viewer: string;
}

interface SocketState {
  address: string;
  headers: Record<string, unknown>;
  viewer: Viewer;
  secret?: string;
  /** Ids of the subscriptions open on this socket (reserved when admitted). */
  subscriptions: Set<string>;
  /** Request id of each operation in flight. */
  requestIds: Map<string, string>;
  /** When each query or mutation in flight was received (process.hrtime), for its metrics. */
  started: Map<string, { at: bigint; operationName: string | null | undefined }>;
  /** A revocation check in flight (shared by the subscribers of one event). */
  checking?: Promise<boolean>;
  socket: WebSocket;
}

type Extra = { socket: WebSocket; request: IncomingMessage };

export function createWebSocketServer(options: WebSocketOptions) {
  const { admission, logger, schema } = options;
  const wsServer = new WebSocketServer({ server: options.httpServer, path: "/graphql", maxPayload: admission.maxPayload });
  const states = new WeakMap<WebSocket, SocketState>();
  const keyed = new Set<SocketState>();
  const socketsPerAddress = new Map<string, number>();
  const turns = deliveryTurns();

  // Sockets per address: counted from the upgrade to the close; one too many is closed at once.
  wsServer.on("connection", (socket, request) => {
    const address = request.socket.remoteAddress ?? "unknown";
    const open = (socketsPerAddress.get(address) ?? 0) + 1;
    socketsPerAddress.set(address, open);
    socket.once("close", () => {
      const left = (socketsPerAddress.get(address) ?? 1) - 1;
      if (left <= 0) socketsPerAddress.delete(address);
      else socketsPerAddress.set(address, left);
      const state = states.get(socket);
      if (state) keyed.delete(state);
    });
    if (open > SUBSCRIPTION_LIMITS.maxSocketsPerAddress) {
      admission.rejected("sockets");
      socket.close(
        SOCKET_CLOSE.tooManySockets,
        `Socket limit of ${SUBSCRIPTION_LIMITS.maxSocketsPerAddress} per client address exceeded`,
      );
    }
  });

  /** Whether the socket's key is still live; a revoked key's socket is closed with 4403. */
  async function stillLive(state: SocketState): Promise<boolean> {
    if (state.viewer.kind !== "API_KEY" || !state.secret) return true;
    const secret = state.secret;
    state.checking ??= findLiveApiKey(options.db, secret)
      .then((key) => key !== null)
      .catch((error: unknown) => {
        logger.warn({ err: error }, "could not re-check a socket's API key");
        return true;
      })
      .finally(() => (state.checking = undefined));
    const live = await state.checking;
    if (!live && state.socket.readyState === state.socket.OPEN) {
      keyed.delete(state);
      state.socket.close(SOCKET_CLOSE.revoked, "Forbidden: the API key was revoked");
    }
    return live;
  }
  const recheck = setInterval(() => {
    for (const state of keyed) void stillLive(state);
  }, SUBSCRIPTION_LIMITS.keyRecheckMs);
  recheck.unref();

  const stateOf = (extra: Extra) => states.get(extra.socket);

  /**
   * One event's result per selection: subscribers whose selection, variables, viewer and language
   * are the same get the result the first of them resolved for that event (held as long as the
   * event is, i.e. while some subscriber's queue holds it). A change sent to 25 identical
   * subscriptions resolves once, not 25 times.
   */
  const shared = new WeakMap<object, Map<string, Promise<ExecutionResult>>>();
  const executeEvent = async (args: ExecutionArgs, event: unknown, context: Context) =>
    await execute({ ...args, rootValue: event, contextValue: context });

  /** Each event resolves on a fresh context, in a slice of the event loop (`deliveryTurns`). */
  async function subscribeFresh(args: ExecutionArgs) {
    const stream = await createSourceEventStream(args);
    if (!isAsyncIterable(stream)) return stream;
    const base = args.contextValue as Context & { socketState?: SocketState };
    const state = base.socketState;
    const key = sharingKey(args, base);
    /** The result an identical subscription already resolved or is resolving for this event. */
    const sharedResult = (event: unknown): Promise<ExecutionResult> | undefined =>
      typeof event === "object" && event !== null ? shared.get(event)?.get(key) : undefined;
    /**
     * One event's result, resolved once per selection (see `shared`): now, or `later` in a turn of
     * its own. Either way it is shared at once, so identical subscriptions wait for the same turn
     * instead of each queueing one.
     */
    const resultOf = (event: unknown, later = false, context?: Context): Promise<ExecutionResult> => {
      const resolve = () => executeEvent(args, event, context ?? options.eventContext(base));
      if (typeof event !== "object" || event === null) return later ? turns(resolve) : resolve();
      let results = shared.get(event);
      if (!results) shared.set(event, (results = new Map<string, Promise<ExecutionResult>>()));
      let result = results.get(key);
      if (!result) {
        result = later ? turns(resolve) : resolve();
        results.set(key, result);
      }
      return result;
    };
    // Events already queued for this subscriber resolve together in one turn (within its slice),
    // so a subscriber advances many events per turn of the event loop, not one.
    const take = "takeQueued" in stream ? (stream as { takeQueued: (max: number) => unknown[] }).takeQueued : null;
    return mapEvents(stream, async (first) => {
      if (state && !(await stillLive(state))) return null;
      const batch = [first, ...(take?.(EVENT_DELIVERY.batch) ?? [])];
      const ready: Promise<ExecutionResult>[] = [];
      // A result an identical subscription holds costs nothing more to send, so it waits for no
      // turn: only resolving is scheduled. (Before, 25 identical subscriptions queued 25 turns per
      // event, and under load they fell behind the writes one turn at a time.)
      let next = 0;
      for (let result = sharedResult(first); result && next < batch.length; result = sharedResult(batch[++next]))
        ready.push(settled(result));
      if (next === batch.length) return ready;
      await turns(async () => {
        const started = performance.now();
        // Events resolved in this turn share one fresh context, so their loads batch into one
        // statement per kind of record; they resolve a group at a time, with the slice checked
        // between groups.
        const context = options.eventContext(base);
        let resolvedHere = 0;
        let group: Promise<ExecutionResult>[] = [];
        for (const event of batch.slice(next)) {
          const held = sharedResult(event);
          if (held) {
            ready.push(settled(held));
            continue;
          }
          // Past the slice, the rest wait for turns of their own.
          if (resolvedHere > 0 && group.length === 0 && performance.now() - started > EVENT_DELIVERY.sliceMs) {
            ready.push(settled(resultOf(event, true)));
            continue;
          }
          const result = settled(resultOf(event, false, context));
          resolvedHere++;
          ready.push(result);
          group.push(result);
          if (group.length >= EVENT_DELIVERY.group) {
            await Promise.allSettled(group);
            group = [];
          }
        }
        await Promise.allSettled(group);
      });
      return ready;
    });
  }

  /** Metrics and the log line of one answered operation, once (its start is forgotten after). */
  const observe = (
    state: SocketState | undefined,
    id: string,
    requestId: string,
    operationType: string | undefined,
    errors: readonly GraphQLError[] | undefined,
    cost?: number,
  ) => {
    const started = state?.started.get(id);
    if (!state || !started) return;
    state.started.delete(id);
    const code = errors?.[0]?.extensions?.code;
    options.observe({
      requestId,
      operationName: started.operationName,
      operationType,
      outcome: errors?.length ? (typeof code === "string" ? code : "error") : "ok",
      seconds: Number(process.hrtime.bigint() - started.at) / 1e9,
      cost,
      viewer: state.viewer.kind === "API_KEY" ? state.viewer.key.name : "anonymous",
    });
  };

  const cleanup = useServer<Record<string, unknown> | undefined, Extra>(
    {
      schema,
      connectionInitWaitTimeout: SUBSCRIPTION_LIMITS.connectionInitTimeoutMs,
      subscribe: subscribeFresh,
      async onConnect(ctx) {
        const params = ctx.connectionParams ?? {};
        const headers = { ...params, ...lowerCaseKeys(params) };
        const authorization = typeof headers.authorization === "string" ? headers.authorization : undefined;
        let viewer: Viewer;
        try {
          viewer = await options.viewerFrom(authorization);
        } catch (error) {
          if (error instanceof GraphQLError && error.extensions.code === ErrorCode.UNAUTHENTICATED) {
            ctx.extra.socket.close(SOCKET_CLOSE.unauthenticated, "Unauthorized: the API key is not valid (unknown or revoked)");
            return false;
          }
          throw error;
        }
        const state: SocketState = {
          address: ctx.extra.request.socket.remoteAddress ?? "unknown",
          headers,
          viewer,
          secret: viewer.kind === "API_KEY" ? authorization?.replace(/^Bearer\s+/i, "").trim() : undefined,
          subscriptions: new Set(),
          requestIds: new Map(),
          started: new Map(),
          socket: ctx.extra.socket,
        };
        states.set(ctx.extra.socket, state);
        if (viewer.kind === "API_KEY") keyed.add(state);
        return true;
      },
      async onSubscribe(ctx, id, payload) {
        const state = stateOf(ctx.extra);
        if (!state) return [new GraphQLError("Unauthorized", { extensions: { code: ErrorCode.UNAUTHENTICATED } })];
        const requestId = randomUUID();
        state.requestIds.set(id, requestId);
        state.started.set(id, { at: process.hrtime.bigint(), operationName: payload.operationName });
        if (!admission.isTrusted(admission.sha256Hex(payload.query))) return [admission.untrustedDocument()];
        const parsed = admission.parseAndValidate(payload.query);
        if (!("kind" in parsed)) return [...parsed];
        const document = parsed;
        const operationName = payload.operationName ?? undefined;
        const operation = getOperationAST(document, operationName);
        if (!operation)
          return [
            new GraphQLError("Unable to identify operation.", { extensions: { code: ErrorCode.GRAPHQL_VALIDATION_FAILED } }),
          ];
        // Named as Apollo names an HTTP request: the operation's own name when the message gives none.
        state.started.set(id, {
          at: state.started.get(id)?.at ?? process.hrtime.bigint(),
          operationName: operation.name?.value ?? operationName,
        });
        const isSubscription = operation.operation === OperationTypeNode.SUBSCRIPTION;
        if (isSubscription) {
          // Reserved before anything is awaited, so subscriptions sent together cannot pass the cap together.
          if (state.subscriptions.size >= SUBSCRIPTION_LIMITS.maxSubscriptionsPerSocket) {
            admission.rejected("subscriptionsPerSocket");
            return [
              new GraphQLError(
                `Subscription limit of ${SUBSCRIPTION_LIMITS.maxSubscriptionsPerSocket} per socket exceeded: complete one before starting another.`,
                { extensions: { code: ADMISSION_CODES.subscriptionsPerSocket } },
              ),
            ];
          }
          state.subscriptions.add(id);
        }
        const contextValue = options.contextFor({
          headers: state.headers,
          clientAddress: state.address,
          viewer: state.viewer,
          timed: !isSubscription,
        });
        contextValue.requestId = requestId;
        const variables = payload.variables ?? undefined;
        try {
          await admission.admit(contextValue, { document, variables, operationName, operationType: operation.operation });
        } catch (error) {
          state.subscriptions.delete(id);
          if (error instanceof GraphQLError) return [error];
          return [new GraphQLError("Internal server error.", { originalError: error as Error })];
        }
        return {
          schema,
          document,
          operationName,
          variableValues: variables,
          contextValue: Object.assign(contextValue, { socketState: state }),
        };
      },
      async onNext(ctx, id, _payload, args, result) {
        const state = stateOf(ctx.extra);
        const requestId = state?.requestIds.get(id) ?? randomUUID();
        const contextValue = args.contextValue as Context;
        const operation = getOperationAST(args.document, args.operationName);
        const isSubscription = operation?.operation === OperationTypeNode.SUBSCRIPTION;
        const cost = isSubscription ? null : await admission.settle(contextValue, result);
        const dataVersion = isSubscription ? null : await admission.dataVersion(contextValue, operation?.operation);
        const { errors, ...rest } = result as ExecutionResult;
        if (!isSubscription) observe(state, id, requestId, operation?.operation, errors, contextValue.cost?.requested);
        return {
          ...rest,
          ...(errors ? { errors: admission.formatErrors(errors, requestId) } : {}),
          ...(cost || dataVersion !== null
            ? { extensions: { ...rest.extensions, ...(cost ? { cost } : {}), ...(dataVersion !== null ? { dataVersion } : {}) } }
            : {}),
        };
      },
      async onError(ctx, id, _payload, errors) {
        const state = stateOf(ctx.extra);
        const requestId = state?.requestIds.get(id) ?? randomUUID();
        observe(state, id, requestId, undefined, errors);
        state?.requestIds.delete(id);
        return admission.formatErrors(errors, requestId);
      },
      async onComplete(ctx, id) {
        const state = stateOf(ctx.extra);
        state?.subscriptions.delete(id);
        state?.requestIds.delete(id);
        state?.started.delete(id);
      },
    },
    wsServer,
  );

  return {
    wsServer,
    async dispose() {
      clearInterval(recheck);
      await cleanup.dispose();
    },
  };
}

/** How events are resolved: at most `concurrency` at once, in slices of the event loop. */
export const EVENT_DELIVERY = {
  /** Events resolving at once (they overlap only where resolving awaits I/O, e.g. PostgreSQL). */
  concurrency: 8,
  /** Time a turn of the event loop may spend resolving events before it yields to I/O. */
  sliceMs: 10,
  /** Events of one subscriber's queue taken together into one turn (within its slice). */
  batch: 100,
  /** Events of a turn resolved together, on one context, between two checks of the slice. */
  group: 10,
} as const;

/**
 * The scheduler of event payloads across the whole server. Each turn (a setImmediate) starts one
 * event, and more while the turn is younger than `sliceMs` and fewer than `concurrency` run; then
 * it yields, so I/O such as /healthz is served between slices. Light events go out many per turn;
 * a heavy one (at the subscription cost cap) gets a turn to itself.
 */
function deliveryTurns({ concurrency, sliceMs }: { concurrency: number; sliceMs: number } = EVENT_DELIVERY) {
  const queue: (() => Promise<void>)[] = [];
  let running = 0;
  let scheduled = false;
  let turnStart = 0;
  const youngTurn = () => performance.now() - turnStart < sliceMs;
  const schedule = () => {
    if (scheduled || queue.length === 0 || running >= concurrency) return;
    scheduled = true;
    setImmediate(turn);
  };
  const start = () => {
    const task = queue.shift();
    if (!task) return;
    running++;
    void task().finally(() => {
      running--;
      if (youngTurn()) fill();
      else schedule();
    });
  };
  const fill = () => {
    while (queue.length > 0 && running < concurrency && youngTurn()) start();
    schedule();
  };
  const turn = () => {
    scheduled = false;
    turnStart = performance.now();
    if (running < concurrency) start();
    schedule();
  };
  return <T>(work: () => Promise<T>): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      queue.push(() => work().then(resolve, reject));
      schedule();
    });
}

/**
 * The stream's events mapped in batches (a batch is the event read and what `map` took along with
 * it); `null` ends it. Returning ends the source at once. An error of the source
 * (SUBSCRIPTION_TOO_SLOW) or of the mapping goes out as the subscription's last event, `{ errors }`,
 * and the subscription completes; it never reaches graphql-ws, which would close the whole socket
 * with 4500.
 */
function mapEvents<T>(
  stream: AsyncIterable<T>,
  map: (event: T) => Promise<Promise<ExecutionResult>[] | null>,
): AsyncGenerator<ExecutionResult, undefined> {
  const source = stream[Symbol.asyncIterator]();
  let finished = false;
  let ready: Promise<ExecutionResult>[] = [];
  const done = async (): Promise<IteratorReturnResult<undefined>> => {
    ready = [];
    if (!finished) {
      finished = true;
      await source.return?.();
    }
    return { done: true, value: undefined };
  };
  const mapped: AsyncGenerator<ExecutionResult, undefined> = {
    async next() {
      try {
        if (ready.length === 0) {
          if (finished) return { done: true, value: undefined };
          const event = await source.next();
          if (event.done) {
            finished = true;
            return { done: true, value: undefined };
          }
          const results = await map(event.value);
          if (results === null) return await done();
          ready = results;
        }
        return { done: false, value: await ready.shift()! };
      } catch (error) {
        await done().catch(() => undefined);
        const last =
          error instanceof GraphQLError
            ? error
            : new GraphQLError("Internal server error.", { originalError: error instanceof Error ? error : undefined });
        return { done: false, value: { errors: [last] } };
      }
    },
    return: done,
    async throw(error: unknown) {
      await done();
      throw error;
    },
    [Symbol.asyncIterator]() {
      return mapped;
    },
  };
  return mapped;
}

/** The promise, marked as handled: a batch dropped when its subscription ends never rejects unhandled. */
function settled<T>(promise: Promise<T>): Promise<T> {
  promise.catch(() => undefined);
  return promise;
}

/** What an event's result depends on: the selection, its variables, the viewer, the language. */
function sharingKey(args: ExecutionArgs, context: Context): string {
  const viewer = context.viewer.kind === "API_KEY" ? `key:${context.viewer.key.id}` : context.viewer.kind;
  return JSON.stringify([print(args.document), args.operationName ?? null, args.variableValues ?? null, viewer, context.lang]);
}

function isAsyncIterable(value: unknown): value is AsyncIterable<unknown> {
  return typeof value === "object" && value !== null && Symbol.asyncIterator in value;
}

function lowerCaseKeys(record: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(record).map(([k, v]) => [k.toLowerCase(), v]));
}
