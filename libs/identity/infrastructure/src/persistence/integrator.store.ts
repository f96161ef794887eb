import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { IntegrationClient, IntegratorStore } from '@tmk/identity-application';

interface ClientRow {
  id: string;
  client_id: string;
  secret_hash: string;
  organisation_id: string;
  region_id: string | null;
  name: string;
  scopes: string[];
  active: boolean;
}

const SELECT = `SELECT c.*, o.region_id FROM identity.integration_client c JOIN identity.organisation o ON o.id = c.organisation_id`;

const toClient = (r: ClientRow): IntegrationClient => ({
  id: r.id,
  clientId: r.client_id,
  secretHash: r.secret_hash,
  organisationId: r.organisation_id,
  regionId: r.region_id,
  name: r.name,
  scopes: r.scopes,
  active: r.active,
});

@Injectable()
export class SqlIntegratorStore implements IntegratorStore {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async findClient(clientId: string): Promise<IntegrationClient | null> {
    const [row]: ClientRow[] = await this.db.query(`${SELECT} WHERE c.client_id = $1`, [clientId]);
    return row ? toClient(row) : null;
  }

  async findById(id: string): Promise<IntegrationClient | null> {
    const [row]: ClientRow[] = await this.db.query(`${SELECT} WHERE c.id = $1`, [id]);
    return row ? toClient(row) : null;
  }

  async list(filter: { regionId?: string | null }): Promise<IntegrationClient[]> {
    const rows: ClientRow[] = filter.regionId
      ? await this.db.query(`${SELECT} WHERE o.region_id = $1 ORDER BY c.created_at DESC`, [filter.regionId])
      : await this.db.query(`${SELECT} ORDER BY c.created_at DESC`);
    return rows.map(toClient);
  }

  async update(id: string, patch: { active?: boolean; secretHash?: string }): Promise<void> {
    await this.db.transaction(async (em) => {
      await em.query(
        `UPDATE identity.integration_client SET active = COALESCE($2, active), secret_hash = COALESCE($3, secret_hash)
          WHERE id = $1`,
        [id, patch.active ?? null, patch.secretHash ?? null],
      );
      await em.query(`DELETE FROM identity.access_token WHERE client_id = $1`, [id]);
    });
  }

  async insertClient(c: Omit<IntegrationClient, 'regionId'>): Promise<void> {
    await this.db.query(
      `INSERT INTO identity.integration_client (id, client_id, secret_hash, organisation_id, name, scopes, active)
       VALUES ($1,$2,$3,$4,$5,$6,$7) ON CONFLICT (client_id) DO NOTHING`,
      [c.id, c.clientId, c.secretHash, c.organisationId, c.name, c.scopes, c.active],
    );
  }

  async insertToken(
    tokenHash: Buffer,
    clientId: string,
    scopes: readonly string[],
    expiresAt: Date,
  ): Promise<void> {
    await this.db.query(
      `INSERT INTO identity.access_token (token_hash, client_id, scopes, expires_at) VALUES ($1,$2,$3,$4)`,
      [tokenHash, clientId, scopes, expiresAt],
    );
  }

  async findToken(
    tokenHash: Buffer,
  ): Promise<{ client: IntegrationClient; scopes: string[]; expiresAt: Date } | null> {
    const [row]: (ClientRow & { token_scopes: string[]; expires_at: Date })[] = await this.db.query(
      `SELECT c.*, o.region_id, t.scopes AS token_scopes, t.expires_at FROM identity.access_token t
         JOIN identity.integration_client c ON c.id = t.client_id
         JOIN identity.organisation o ON o.id = c.organisation_id WHERE t.token_hash = $1`,
      [tokenHash],
    );
    return row ? { client: toClient(row), scopes: row.token_scopes, expiresAt: row.expires_at } : null;
  }
}
