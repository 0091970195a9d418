/** jest globalSetup of the cluster project: a local 3-master Redis Cluster for the run. */
import { startTarget } from '../helpers/targets-setup';

export default () => startTarget('cluster');
