import NextAuth from 'next-auth';
import { authConfig } from './auth.config';

// Optimistic redirect to the sign-in page; the data layer authorises every read and write again.
const { auth } = NextAuth(authConfig);
export default auth;

export const config = {
  matcher: ['/((?!_next/static|_next/image|favicon.ico|api/auth).*)'],
};
