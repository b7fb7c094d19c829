import { type PropsWithChildren } from 'react';
import { useLaunch } from '@tarojs/taro';
import { installPrivacyHandler } from './services/privacy';
import './app.scss';

/** The app shell: pages render as its children. */
function App({ children }: PropsWithChildren) {
  useLaunch(() => {
    installPrivacyHandler();
  });
  return children;
}

export default App;
