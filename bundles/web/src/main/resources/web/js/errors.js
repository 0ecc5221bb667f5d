// The API's error codes in words a person understands.
const WORDS = {
  network: 'The platform cannot be reached. Check your connection and try again.',
  invalid_credentials: 'That e-mail and password do not match an account.',
  login_failed: 'That e-mail and password do not match an account.',
  too_many_login_attempts: 'Too many sign-in attempts.',
  email_taken: 'An account with that e-mail already exists. Sign in instead.',
  under_minimum_age: 'You are below the minimum age for this service.',
  invalid_birth_date: 'Please enter a valid birth date.',
  invalid_password: 'The password is too short or too weak: use at least 10 characters.',
  invalid_email: 'Please enter a valid e-mail address.',
  policy_not_accepted: 'Please read and accept the privacy policy.',
  unknown_policy_version: 'The privacy policy changed meanwhile: reload the page and accept the current one.',
  invalid_code: 'That code is wrong or has expired.',
  code_attempts_exceeded: 'Too many wrong codes: ask for a new one.',
  email_unverified: 'Verify your e-mail address first: enter the code we mailed you.',
  already_verified: 'Your e-mail address is already verified.',
  verification_too_soon: 'A code was sent a moment ago; wait a little before asking for another.',
  insufficient_credits: 'You do not have enough credits for this. Buy credits on the Credits page.',
  prompt_rejected: 'Your prompt was refused by our content rules. Please describe something else.',
  content_policy_violation: 'This request breaks our content policy and was refused.',
  image_moderation: 'The image was refused by our content rules.',
  output_rejected: 'The result was blocked by our content rules, and your credits were returned.',
  moderation_unavailable: 'Content checks are unavailable right now, so nothing can be generated. Try again soon.',
  rate_limited: 'You are going too fast.',
  rate_limit_exceeded: 'You are going too fast.',
  too_many_concurrent_jobs: 'You already have as many generations running as your plan allows. Wait for one to finish.',
  queue_full: 'The platform is busy.',
  no_provider: 'No generator can do this right now. Try another type or size.',
  provider_incapable: 'No generator can do this with these settings.',
  provider_unavailable: 'The generator is unavailable right now. Try again soon.',
  invalid_prompt: 'Please write a prompt (up to the allowed length).',
  invalid_size: 'That size is not allowed. Pick another width and height.',
  pixel_limit_exceeded: 'That size is larger than your plan allows.',
  invalid_duration: 'That video length is not allowed.',
  video_too_long_for_plan: 'That video is longer than your plan allows.',
  video_too_long: 'That video is too long.',
  video_resolution_exceeded: 'That video resolution is too large.',
  missing_input_media: 'Choose an uploaded image first.',
  invalid_input: 'The chosen input cannot be used for this kind of generation.',
  invalid_type: 'Unknown generation type.',
  processing_restricted: 'You restricted processing of your data in the Privacy centre, so nothing new can be made.',
  not_found: 'It does not exist any more.',
  upload_too_large: 'That file is too large.',
  upload_too_large_for_plan: 'That file is larger than your plan allows.',
  unsupported_media_type: 'That kind of file is not supported: upload a PNG, JPEG or WebP image, or an MP4 or WebM video.',
  unsupported_type: 'That kind of file is not supported: upload a PNG, JPEG or WebP image, or an MP4 or WebM video.',
  content_type_mismatch: 'The file is not what its name says (its content does not match its type).',
  polyglot_rejected: 'The file hides other content inside it and was refused.',
  malformed_media: 'The file is damaged and cannot be read.',
  empty_upload: 'The file is empty.',
  image_too_large: 'The image has too many pixels.',
  storage_quota_exceeded: 'Your storage is full: delete some items first.',
  body_too_large: 'That is too large to send.',
  storage_unavailable: 'Storage is unavailable right now. Try again soon.',
  wrong_password: 'That password is wrong.',
  reauthentication_required: 'Please enter your current password.',
  reauthentication_failed: 'That password is wrong.',
  email_change_too_soon: 'You changed your e-mail recently; wait before changing it again.',
  admin_only: 'This page is for administrators.',
  insufficient_scope: 'This session is not allowed to do that.',
  payments_unavailable: 'Payments are unavailable right now.',
  unknown_product: 'That product does not exist.',
  session_ended: 'Your session has ended: please sign in again.',
  invalid_token: 'Your session has ended: please sign in again.',
  generation_failed: 'The generation failed. Your credits were returned.',
  generation_canceled: 'The generation was canceled. Your credits were returned.',
  generation_timeout: 'The generation took too long and was stopped. Your credits were returned.',
  provider_failed: 'The generator failed. Your credits were returned.',
  internal_error: 'Something went wrong on our side. Please try again.',
};

function wait(seconds) {
  if (seconds < 90) return `${seconds} second${seconds === 1 ? '' : 's'}`;
  const m = Math.ceil(seconds / 60);
  return m < 90 ? `${m} minutes` : `${Math.ceil(m / 60)} hours`;
}

/** One readable sentence for an ApiError (or any error). */
export function explain(e) {
  let text = (e && WORDS[e.code]) || (e && e.message) || 'Something went wrong. Please try again.';
  if (e && e.status === 401 && !WORDS[e.code]) text = 'Please sign in.';
  if (e && e.retryAfter !== undefined && !Number.isNaN(e.retryAfter)) text += ` Try again in ${wait(e.retryAfter)}.`;
  if (e && e.detail && e.detail.balance !== undefined && e.code === 'insufficient_credits') text += ` Balance: ${e.detail.balance}.`;
  return text;
}
