/** jest globalTeardown of the cluster and tls projects: stops the servers their setup started. */
import { stopTargets } from '../helpers/targets-setup';

export default () => stopTargets();
