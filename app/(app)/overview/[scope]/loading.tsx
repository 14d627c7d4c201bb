// The same placeholder as the national overview while a county's figures are computed.
export { default } from '../(national)/loading';
