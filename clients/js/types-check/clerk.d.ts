// The two parts of @clerk/clerk-react that the README's React example uses, as Clerk declares them.
declare module '@clerk/clerk-react' {
  import type { ReactNode } from 'react';
  export function useAuth(): {
    getToken: (options?: { template?: string; skipCache?: boolean }) => Promise<string | null>;
    userId: string | null | undefined;
    orgId: string | null | undefined;
  };
  export function ClerkProvider(props: { publishableKey: string; children?: ReactNode }): ReactNode;
}
