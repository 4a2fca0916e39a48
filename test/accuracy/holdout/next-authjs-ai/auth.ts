import NextAuth from 'next-auth';
import Google from 'next-auth/providers/google';
import { db } from '@/db';

export const { handlers, auth, signIn, signOut } = NextAuth({
  providers: [Google],
  callbacks: {
    async session({ session, token }) {
      const member = await db.query.members.findFirst({ where: (m, { eq }) => eq(m.email, session.user.email) });
      return { ...session, user: { ...session.user, id: token.sub!, orgId: member?.orgId, role: member?.role ?? 'agent' } };
    },
  },
});
