/** WeChat hands query values to the page still URL-encoded; Taro's H5 router has decoded them already. */
export function decodeParam(value: string | undefined): string {
  if (!value) return '';
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}
