'use client';
import { publishableKey } from '../../lib/billing';

export default function Settings() {
  return <section><h1>Billing</h1><p data-key={publishableKey}>Manage your plan</p></section>;
}
