/** Web Worker entry of the budget planner: the warm planning session (renderer/planner/plannerApi.ts). */
import { expose } from 'comlink';
import { createPlannerApi } from '../planner/plannerApi';

expose(createPlannerApi());
