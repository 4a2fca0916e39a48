import { SupportWidget } from '@/components/SupportWidget';

export default function SupportPage() {
  return <main><h1>Support</h1><SupportWidget /></main>;
}
