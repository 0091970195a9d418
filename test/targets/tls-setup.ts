/** jest globalSetup of the tls project: a local TLS Redis with a throwaway CA for the run. */
import { startTarget } from '../helpers/targets-setup';

export default () => startTarget('tls');
