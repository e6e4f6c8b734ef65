import type { PostmortemModel } from '../../postmortem/model';
import type { Rule } from '../../rule';
import { actionItemOverdue } from './action-item-overdue';
import { actionItemOwner } from './action-item-owner';
import { actionItemStatus } from './action-item-status';
import { actionItemTicket } from './action-item-ticket';
import { emptyRow } from './empty-row';
import { emptySection } from './empty-section';
import { frontMatter } from './front-matter';
import { impactTimeline } from './impact-timeline';
import { invalidTime } from './invalid-time';
import { metricsMismatch } from './metrics-mismatch';
import { requiredSection } from './required-section';
import { reviewOverdue } from './review-overdue';
import { sectionOrder } from './section-order';
import { templateText } from './template-text';
import { timelineOrder } from './timeline-order';
import { timelineTime } from './timeline-time';
import { timelineZone } from './timeline-zone';

export const postmortemRules: Rule<PostmortemModel>[] = [
  requiredSection,
  sectionOrder,
  emptySection,
  templateText,
  timelineOrder,
  invalidTime,
  timelineTime,
  timelineZone,
  impactTimeline,
  metricsMismatch,
  actionItemTicket,
  actionItemStatus,
  actionItemOverdue,
  actionItemOwner,
  emptyRow,
  frontMatter,
  reviewOverdue,
];
