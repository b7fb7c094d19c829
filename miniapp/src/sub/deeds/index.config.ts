export default definePageConfig({ navigationBarTitleText: '我的办实事' });
