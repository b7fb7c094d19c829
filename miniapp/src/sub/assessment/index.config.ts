export default definePageConfig({ navigationBarTitleText: '我的百分制考核' });
