/// <reference types="@tarojs/taro" />

declare module '*.png';
declare module '*.svg';
declare module '*.scss';

declare namespace NodeJS {
  interface ProcessEnv {
    /** Taro's build target. */
    TARO_ENV: 'weapp' | 'h5' | 'swan' | 'alipay' | 'tt' | 'qq' | 'jd' | 'harmony' | 'rn';
    /** API base for the mini-program (full URL). */
    TARO_APP_API_BASE: string;
    /** API base for the H5 build (same origin, relative). */
    TARO_APP_API_BASE_H5: string;
  }
}
