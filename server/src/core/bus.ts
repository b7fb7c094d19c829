/**
 * Cache invalidation between API processes: a process that changes something others may have
 * cached (an activity, a points rule, a caller's roles) publishes its id; every process —
 * itself included — drops its copy. In memory for one process; Redis pub/sub with `REDIS_URL`.
 * Caches still expire by themselves within their stated time, so a lost message only delays.
 */
import { EventEmitter } from 'node:events';
import type Redis from 'ioredis';

export type BusTopic = 'activity' | 'points-rule' | 'principal';

export interface Bus {
  publish(topic: BusTopic, id: string): void;
  subscribe(topic: BusTopic, listener: (id: string) => void): void;
  close(): Promise<void>;
}

export class MemoryBus implements Bus {
  private readonly events = new EventEmitter().setMaxListeners(50);
  publish(topic: BusTopic, id: string): void {
    this.events.emit(topic, id);
  }
  subscribe(topic: BusTopic, listener: (id: string) => void): void {
    this.events.on(topic, listener);
  }
  async close(): Promise<void> {
    this.events.removeAllListeners();
  }
}

const CHANNEL = 'djzy:invalidate';

/** Redis pub/sub: one channel, messages `topic:id`; a subscriber needs its own connection. */
export class RedisBus implements Bus {
  private readonly local = new MemoryBus();
  private readonly sub: Redis;
  constructor(private readonly pub: Redis) {
    this.sub = pub.duplicate();
    void this.sub.subscribe(CHANNEL).catch(() => undefined);
    this.sub.on('message', (_channel: string, message: string) => {
      const i = message.indexOf(':');
      if (i > 0) this.local.publish(message.slice(0, i) as BusTopic, message.slice(i + 1));
    });
  }
  publish(topic: BusTopic, id: string): void {
    // Published to every process (this one receives it back through Redis too); a Redis outage
    // only delays invalidation to the caches' own expiry.
    this.pub.publish(CHANNEL, `${topic}:${id}`).catch(() => this.local.publish(topic, id));
  }
  subscribe(topic: BusTopic, listener: (id: string) => void): void {
    this.local.subscribe(topic, listener);
  }
  async close(): Promise<void> {
    await this.local.close();
    this.sub.disconnect();
  }
}
