export * from './calendar/festival-calendar';
