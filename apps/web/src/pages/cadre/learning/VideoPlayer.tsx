import { useMutation } from '@apollo/client/react';
import { Alert, Button, Modal, Progress, Space, Statistic, Typography } from 'antd';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { apiProblem, problemText } from '../../../components/errors';
import { Loading } from '../../../components/PageState';
import { graphql } from '../../../gql';
import type { CreditReason } from '../../../gql/graphql';
import { clock } from './format';

const StartVideoDocument = graphql(`
  mutation LearningStartVideo($lessonId: ID!) {
    startVideo(lessonId: $lessonId) {
      sessionId
      lessonId
      playbackUrl
      posterUrl
      durationSeconds
      requiredSeconds
      progress {
        watchedSeconds
        furthestPosition
        position
        completedAt
      }
    }
  }
`);

const HeartbeatDocument = graphql(`
  mutation LearningVideoHeartbeat($input: VideoHeartbeatInput!) {
    recordVideoHeartbeat(input: $input) {
      reason
      creditedSeconds
      durationSeconds
      lessonCompleted
      courseCompleted
      progress {
        watchedSeconds
        furthestPosition
        position
        completedAt
      }
    }
  }
`);

/** A heartbeat every few seconds while the film plays (well inside the server's HEARTBEAT_MAX_GAP_SECONDS). */
const HEARTBEAT_MS = 5_000;
/** Continuous playback after which the player asks "still there?". */
const PRESENCE_EVERY_MS = 15 * 60_000;
/** An unanswered presence check marks heartbeats idle after this long. */
const PRESENCE_GRACE_MS = 60_000;
/** The scrubber may not pass the furthest watched point by more than this (player rounding). */
const SEEK_TOLERANCE = 1;

interface Props {
  lessonId: string;
  /** The lesson or the course completed (the page refreshes its progress). */
  onCompleted: (courseCompleted: boolean) => void;
  /** Playback paused or ended (the page refreshes the lesson's watched time). */
  onPaused?: () => void;
}

/**
 * An HTML5 player that reports honest study time: heartbeats with the
 * position, rate, page visibility, presence and the device clock while it
 * plays; shows the credited time the server answers; and keeps the scrubber
 * from passing the furthest point watched.
 */
export function VideoPlayer({ lessonId, onCompleted, onPaused }: Props) {
  const { t } = useTranslation('learning');
  const [start, started] = useMutation(StartVideoDocument);
  const [sendBeat] = useMutation(HeartbeatDocument);
  const video = useRef<HTMLVideoElement>(null);
  const session = useRef<{ id: string; seq: number; duration: number } | null>(null);
  const furthest = useRef(0);
  const lastTime = useRef(0);
  const playingSince = useRef<number | null>(null);
  const presenceAskedAt = useRef<number | null>(null);
  const [watched, setWatched] = useState(0);
  const [reason, setReason] = useState<CreditReason | null>(null);
  const [completed, setCompleted] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const [beatError, setBeatError] = useState<string | null>(null);
  const [playError, setPlayError] = useState(false);
  const [presence, setPresence] = useState(false);
  const done = useRef(false);
  const onCompletedRef = useRef(onCompleted);
  const onPausedRef = useRef(onPaused);
  useEffect(() => {
    onCompletedRef.current = onCompleted;
    onPausedRef.current = onPaused;
  }, [onCompleted, onPaused]);

  const begin = useCallback(async () => {
    setPlayError(false);
    try {
      const res = await start({ variables: { lessonId } });
      const s = res.data?.startVideo;
      if (!s) return;
      session.current = { id: s.sessionId, seq: 0, duration: s.durationSeconds };
      furthest.current = Math.max(furthest.current, s.progress.furthestPosition);
      setWatched(s.progress.watchedSeconds);
      done.current = Boolean(s.progress.completedAt);
      setCompleted(done.current);
    } catch {
      // shown from `started.error`
    }
  }, [lessonId, start]);

  useEffect(() => {
    void begin();
  }, [begin]);

  const beat = useCallback(async () => {
    const v = video.current;
    const s = session.current;
    if (!v || !s) return;
    s.seq += 1;
    const idle = presenceAskedAt.current !== null && Date.now() - presenceAskedAt.current > PRESENCE_GRACE_MS;
    try {
      const res = await sendBeat({
        variables: {
          input: {
            sessionId: s.id,
            lessonId,
            seq: s.seq,
            position: Math.min(Math.max(0, v.currentTime), s.duration),
            playbackRate: v.playbackRate,
            visible: document.visibilityState === 'visible',
            idle,
            clientTime: new Date().toISOString(),
          },
        },
      });
      const r = res.data?.recordVideoHeartbeat;
      if (!r) return;
      setBeatError(null);
      setReason(r.reason);
      setWatched(r.progress.watchedSeconds);
      furthest.current = Math.max(furthest.current, r.progress.furthestPosition);
      if (r.lessonCompleted && !done.current) {
        done.current = true;
        setCompleted(true);
        onCompletedRef.current(r.courseCompleted);
      }
    } catch (error) {
      setBeatError(t('video.heartbeatError', { message: problemText(apiProblem(error), t) }));
    }
  }, [lessonId, sendBeat, t]);

  // while playing: a heartbeat every few seconds, and now and then the presence check
  const [playing, setPlaying] = useState(false);
  useEffect(() => {
    if (!playing) return;
    const timer = window.setInterval(() => {
      void beat();
      if (playingSince.current !== null && presenceAskedAt.current === null && Date.now() - playingSince.current > PRESENCE_EVERY_MS) {
        presenceAskedAt.current = Date.now();
        setPresence(true);
      }
    }, HEARTBEAT_MS);
    return () => window.clearInterval(timer);
  }, [playing, beat]);

  // a tab going to the background or coming back is reported at once
  useEffect(() => {
    const onVisibility = () => {
      if (playing) void beat();
    };
    document.addEventListener('visibilitychange', onVisibility);
    return () => document.removeEventListener('visibilitychange', onVisibility);
  }, [playing, beat]);

  const onPlay = () => {
    playingSince.current ??= Date.now();
    setPlaying(true);
    void beat();
  };
  const onPause = () => {
    setPlaying(false);
    void beat().then(() => onPausedRef.current?.());
  };
  const onTimeUpdate = () => {
    const v = video.current;
    if (!v || v.seeking) return;
    // natural playback moves a fraction of a second between updates; it extends what may be scrubbed to
    if (v.currentTime - lastTime.current <= 2 && v.currentTime > furthest.current) furthest.current = v.currentTime;
    lastTime.current = v.currentTime;
  };
  const onSeeking = () => {
    const v = video.current;
    if (!v) return;
    const limit = Math.max(furthest.current, lastTime.current);
    if (v.currentTime > limit + SEEK_TOLERANCE) {
      v.currentTime = limit;
      setNotice(t('video.noSeek', { time: clock(limit) }));
    } else {
      lastTime.current = v.currentTime;
    }
  };
  const onLoadedMetadata = () => {
    const v = video.current;
    const resume = started.data?.startVideo.progress.position ?? 0;
    if (v && resume > 0 && resume < v.duration - 1 && resume <= furthest.current + SEEK_TOLERANCE) {
      v.currentTime = resume;
      lastTime.current = resume;
    }
  };

  const confirmPresence = () => {
    presenceAskedAt.current = null;
    playingSince.current = Date.now();
    setPresence(false);
    void beat();
  };

  if (started.error) {
    return <Alert type="error" showIcon title={problemText(apiProblem(started.error), t)} action={<Button onClick={() => void begin()}>{t('common:retry')}</Button>} />;
  }
  const s = started.data?.startVideo;
  if (!s) return <Loading rows={3} />;
  const required = s.requiredSeconds;
  const percent = required > 0 ? Math.min(100, Math.round((watched / required) * 100)) : 100;

  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <video
        ref={video}
        src={s.playbackUrl}
        poster={s.posterUrl ?? undefined}
        controls
        playsInline
        preload="metadata"
        controlsList="nodownload"
        disablePictureInPicture
        style={{ width: '100%', maxHeight: 480, background: '#000', borderRadius: 6 }}
        data-testid="lesson-video"
        onPlay={onPlay}
        onPause={onPause}
        onEnded={onPause}
        onTimeUpdate={onTimeUpdate}
        onSeeking={onSeeking}
        onLoadedMetadata={onLoadedMetadata}
        onError={() => {
          setPlaying(false);
          setPlayError(true);
        }}
      />
      {playError && <Alert type="warning" showIcon title={t('video.playError')} action={<Button onClick={() => void begin()}>{t('video.reload')}</Button>} />}
      {notice && <Alert type="info" showIcon closable title={notice} onClose={() => setNotice(null)} />}
      {beatError && <Alert type="error" showIcon title={beatError} />}
      <Space wrap size="large" align="center">
        <Statistic title={t('video.credited')} value={t('video.creditedValue', { watched: clock(watched), required: clock(required) })} valueStyle={{ fontSize: 18 }} data-testid="credited-time" />
        {reason && (
          <Typography.Text type={reason === 'CREDITED' || reason === 'STARTED' ? 'success' : 'warning'} aria-live="polite" data-testid="credit-reason">
            {t(`video.reasons.${reason}`)}
          </Typography.Text>
        )}
      </Space>
      <Progress percent={completed ? 100 : percent} status={completed ? 'success' : 'active'} aria-label={t('video.credited')} />
      {completed && <Alert type="success" showIcon title={t('video.completed')} />}
      <Modal open={presence} title={t('video.presenceTitle')} onOk={confirmPresence} onCancel={confirmPresence} okText={t('video.presenceOk')} cancelButtonProps={{ style: { display: 'none' } }}>
        {t('video.presenceBody')}
      </Modal>
    </Space>
  );
}
