import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import {
  DEFAULT_RULES,
  ProductionCalendar,
  RUSSIA_2025_2027,
  type DeadlineRuleSet,
} from '@tmk/consultations-domain';
import type { DeadlinePolicy } from '@tmk/consultations-application';

/**
 * Deadline rules from `consultations.deadline_rules`: the newest version in force for the region, else the
 * newest nationwide one (region NULL), else the defaults of [001]. Cached for a minute per region.
 */
@Injectable()
export class SqlDeadlinePolicy implements DeadlinePolicy {
  private readonly cache = new Map<string, { at: number; rules: DeadlineRuleSet }>();
  private readonly russia = new ProductionCalendar(RUSSIA_2025_2027);

  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async rulesFor(regionId: string, at: Date): Promise<DeadlineRuleSet> {
    const cached = this.cache.get(regionId);
    if (cached && Date.now() - cached.at < 60_000) return cached.rules;
    const [row]: { rules: DeadlineRuleSet }[] = await this.db.query(
      `SELECT rules FROM consultations.deadline_rules
        WHERE (region_id = $1 OR region_id IS NULL) AND effective_from <= $2
        ORDER BY (region_id IS NULL), effective_from DESC, version DESC LIMIT 1`,
      [regionId, at],
    );
    const rules = row?.rules ?? DEFAULT_RULES;
    this.cache.set(regionId, { at: Date.now(), rules });
    return rules;
  }

  calendar(): Promise<ProductionCalendar> {
    return Promise.resolve(this.russia);
  }
}
