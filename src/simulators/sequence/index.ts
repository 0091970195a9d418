/**
 * Simulated Sequence customer API (2024-07-30) for integration tests, the benchmark and the demo.
 *
 *   const sim = await startSequenceSimulator({ rateLimitPerMinute: 0 });
 *   // sim.url === 'http://127.0.0.1:PORT/api'; Basic auth seq-test-id / seq-test-secret
 *   sim.store.seedCustomer({ legalName: 'Acme', integrationIds: [{ service: 'HubSpot', id: '123' }] });
 *   sim.faults.inject('dropAfterApply', { method: 'POST', path: '/customers' });
 *   ...
 *   await sim.close();
 */
export { startSequenceSimulator, formatPath } from './server';
export type { SequenceSimulator, SequenceSimulatorOptions } from './server';
export { SequenceStore, domainOf, stableJson } from './store';
export type {
  DuplicateGroup,
  ListAliasesQuery,
  ListCustomersQuery,
  SeedCustomerInput,
  SeedCustomerOptions,
  SequenceStoreOptions,
  SequenceWriteCounters,
} from './store';
export { SIMULATED_API_VERSION, SimulatorApiError } from './models';
export type {
  AddressModel,
  ContactModel,
  CustomerAliasModel,
  CustomerIdWithNameModel,
  CustomerModel,
  CustomerOrganizationModel,
  ErrorBodyModel,
  ErrorDetail,
  GetCustomerAliasesModel,
  IntegrationIdModel,
  ListCustomerAliasesModel,
  ListCustomerModel,
  ListCustomersModel,
  PaginationModel,
} from './models';
export type { FaultKind, FaultRates } from '../faults';
export { FaultController, RequestStats } from '../faults';
