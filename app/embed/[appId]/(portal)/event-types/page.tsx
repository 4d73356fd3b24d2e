import { EventTypesScreen } from "./event-types-screen";

export default function EventTypesPage() {
  return <EventTypesScreen />;
}
