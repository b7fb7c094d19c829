import type { RectificationNoticeView } from '@djzy/shared';

/** A notice's status in Chinese. */
export const RECTIFICATION_STATUS_LABELS: Record<RectificationNoticeView['status'], string> = {
  open: '整改中',
  resolved: '已销号',
};
