import NextAuth from 'next-auth';
import Credentials from 'next-auth/providers/credentials';
import { SignInSchema } from './app/(auth)/login/schema';
import { authConfig } from './auth.config';
import { authenticateUser } from './db/queries/users';

export const { handlers, auth, signIn, signOut } = NextAuth({
  ...authConfig,
  providers: [
    Credentials({
      credentials: { email: { type: 'email' }, password: { type: 'password' } },
      async authorize(credentials) {
        const parsed = SignInSchema.safeParse(credentials);
        if (!parsed.success) return null;
        return authenticateUser(parsed.data.email, parsed.data.password);
      },
    }),
  ],
});
