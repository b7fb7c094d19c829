import { useState } from 'react';
import { Button, View } from '@tarojs/components';
import { LIMITS, type CreateNoteRequest, type CreateNoteResponse } from '@djzy/shared';
import { createNote } from '../services/study';
import { noteStatusLabel } from '../utils/study';
import TextBox from './TextBox';
import './NoteForm.scss';

/**
 * 写学习心得 for a material or a study activity: WeChat's content check decides on the server
 * whether it is published at once or held for the branch secretary; the member sees which.
 */
export default function NoteForm({ target }: { target: Pick<CreateNoteRequest, 'materialId' | 'activityId'> }) {
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [result, setResult] = useState<CreateNoteResponse | null>(null);

  const submit = async () => {
    const content = note.trim();
    if (content.length < LIMITS.noteMin) {
      setError(`学习心得至少写${LIMITS.noteMin}个字`);
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const res = await createNote({ ...target, content }, { silent: true });
      setResult(res);
      setNote('');
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <View className="card" id="note-form">
      <View className="card-title">写学习心得</View>
      {result ? (
        <View className="note-result" id="note-result">
          {noteStatusLabel(result.note.status)}
          {result.note.status === 'published' && result.pointsAwarded > 0 ? ` +${result.pointsAwarded} 积分` : ''}
        </View>
      ) : (
        <>
          <TextBox
            id="note-content"
            className="form-textarea note-textarea"
            placeholder={`写下您的学习体会（至少${LIMITS.noteMin}个字）`}
            value={note}
            maxlength={LIMITS.noteMax}
            onChange={setNote}
            multiline
          />
          {error && (
            <View className="error-text" id="note-error">
              {error}
            </View>
          )}
          <Button id="note-submit" className="btn-secondary" loading={busy} disabled={busy || undefined} onClick={submit}>
            提交心得
          </Button>
        </>
      )}
    </View>
  );
}
