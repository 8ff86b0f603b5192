/** Who did something, as the platform's authentication reports it. */
export interface Actor {
  id: string;
  name: string;
  roles: string[];
}
