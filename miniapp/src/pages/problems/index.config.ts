export default definePageConfig({ navigationBarTitleText: '我的整改任务' });
