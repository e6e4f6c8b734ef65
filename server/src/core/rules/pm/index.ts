import type { PostmortemModel } from '../../postmortem/model';
import type { Rule } from '../../rule';
import { actionItemStatus } from './actionItemStatus';
import { actionItemTicket } from './actionItemTicket';
import { emptyRow } from './emptyRow';
import { emptySection } from './emptySection';
import { impactTimeline } from './impactTimeline';
import { invalidTime } from './invalidTime';
import { requiredSection } from './requiredSection';
import { templateText } from './templateText';
import { timelineOrder } from './timelineOrder';
import { timelineTime } from './timelineTime';
import { timelineZone } from './timelineZone';

export const postmortemRules: Rule<PostmortemModel>[] = [
  requiredSection,
  emptySection,
  templateText,
  timelineOrder,
  invalidTime,
  timelineTime,
  timelineZone,
  impactTimeline,
  actionItemTicket,
  actionItemStatus,
  emptyRow,
];
