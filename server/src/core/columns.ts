/**
 * The column shapes every table repeats, declared once. Ids are made by the application
 * (core/ids.ts: 24 characters, never auto-increment — TiDB hands out no usable order), instants
 * are datetime(3) (milliseconds, UTC as the driver writes them).
 */
import { Column, PrimaryColumn } from 'typeorm';

/** The row's own id. */
export const IdColumn = (): PropertyDecorator => PrimaryColumn({ type: 'varchar', length: 24 });

/** The id of another row (a member, an org, an activity …). */
export const RefColumn = (opts: { nullable?: boolean } = {}): PropertyDecorator => Column({ type: 'varchar', length: 24, ...opts });

/** An instant. */
export const TimeColumn = (opts: { nullable?: boolean } = {}): PropertyDecorator => Column({ type: 'datetime', precision: 3, ...opts });
