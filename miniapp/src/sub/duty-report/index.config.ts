export default definePageConfig({ navigationBarTitleText: '我的述职报告' });
