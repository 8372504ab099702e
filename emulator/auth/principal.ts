export interface UserRow {
  id: number;
  uuid: string;
  email: string;
  first_name: string;
  is_active: number;
  current_organization_id: string | null;
  current_team_id: number | null;
  created_at: number;
}

export interface PersonalApiKeyRow {
  id: string;
  user_id: number;
  label: string;
  secure_value: string;
  mask_value: string;
  scopes: string | null;
  scoped_teams: string | null;
  scoped_organizations: string | null;
  created_at: number;
  last_used_at: number | null;
}

/** The authenticated caller: the key's owner and the key's limits (scopes, scoped teams/orgs). */
export interface Principal {
  user: UserRow;
  keyId: string;
  keyHash: string;
  scopes: string[] | null;
  scopedTeams: number[] | null;
  scopedOrganizations: string[] | null;
}
