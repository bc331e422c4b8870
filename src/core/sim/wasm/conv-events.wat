;; The simulator's hot loops over channel-last (HWC) float32 tensors with 128-bit SIMD (f32x4): the event-driven
;; convolution (conv_events, after event_lists has built the event lists and fill_bias the bias), one timestep of
;; integrate-and-fire (integrate_and_fire) and 2×2 max pooling (max_pool_2x2). Each is bit-identical to its
;; JavaScript version (events.ts, run.ts, kernels.ts), which the unit tests check.
;;
;; Event-driven convolution:
;; The input arrives as per-channel event lists: channel c's events are pos/val/smp[c·stride .. c·stride + count[c]),
;; pos = iy << 16 | ix, smp = the byte offset of the event's sample in the output (a batch of samples at once).
;; For each input channel c and kernel offset (ky, kx), `targets` finds where each event of c lands in the
;; output; `accumulate` then adds value × W[c][ky][kx][·] to those output rows, holding a 32-wide slice of the
;; weight row in registers while it walks the events (two at a time). Per output element the additions come in the order
;; (c, ky, kx, event), the same as convEventsJs in ../events.ts, so the results are bit-identical.
;; Weights: [c][ky][kx][o within the group]. `out` arrives holding the bias. Returns the synaptic ops.
(module
;; Memory: one shared memory per simulation, imported, so that a run's threads hold the weights once (kernel.ts).
  (import "env" "memory" (memory 1 32768 shared))

  ;; include accumulate.wat

  ;; include neurons.wat

  ;; include dense.wat

  (func (export "conv_events")
    (param $pos i32) (param $val i32) (param $smp i32) (param $count i32) (param $stride i32) (param $tgt i32) (param $tv i32)
    (param $w i32) (param $out i32)
    (param $inC i32) (param $outH i32) (param $outW i32) (param $outC i32)
    (param $kh i32) (param $kw i32) (param $sh i32) (param $sw i32)
    (param $ph i32) (param $pw i32) (param $dh i32) (param $dw i32) (param $groups i32)
    (result f64)
    (local $cPer i32) (local $oPer i32) (local $c i32) (local $ky i32) (local $kx i32) (local $s0 i32) (local $s1 i32)
    (local $base i32) (local $wrow i32) (local $n i32) (local $ops f64) (local $same i32) (local $v0 f32) (local $s i32)
    (local.set $cPer (i32.div_u (local.get $inC) (local.get $groups)))
    (local.set $oPer (i32.div_u (local.get $outC) (local.get $groups)))
    (local.set $wrow (local.get $w))
    (block $doneC (loop $nextC
      (br_if $doneC (i32.ge_u (local.get $c) (local.get $inC)))
      (local.set $s0 (i32.mul (local.get $c) (local.get $stride)))
      (local.set $s1 (i32.add (local.get $s0) (i32.load (i32.add (local.get $count) (i32.shl (local.get $c) (i32.const 2))))))
      ;; do all of this channel's events carry one value (spikes: θ)?
      (local.set $same (i32.const 1))
      (if (i32.lt_u (local.get $s0) (local.get $s1)) (then
        (local.set $v0 (f32.load (i32.add (local.get $val) (i32.shl (local.get $s0) (i32.const 2)))))
        (local.set $s (local.get $s0))
        (block $doneS (loop $nextS
          (br_if $doneS (i32.ge_u (local.get $s) (local.get $s1)))
          (if (f32.ne (f32.load (i32.add (local.get $val) (i32.shl (local.get $s) (i32.const 2)))) (local.get $v0)) (then
            (local.set $same (i32.const 0))
            (br $doneS)))
          (local.set $s (i32.add (local.get $s) (i32.const 1)))
          (br $nextS)))))
      ;; output byte address of this channel's group at position 0
      (local.set $base (i32.add (local.get $out)
        (i32.shl (i32.mul (i32.div_u (local.get $c) (local.get $cPer)) (local.get $oPer)) (i32.const 2))))
      (local.set $ky (i32.const 0))
      (block $doneKY (loop $nextKY
        (br_if $doneKY (i32.ge_u (local.get $ky) (local.get $kh)))
        (local.set $kx (i32.const 0))
        (block $doneKX (loop $nextKX
          (br_if $doneKX (i32.ge_u (local.get $kx) (local.get $kw)))
          (if (i32.lt_u (local.get $s0) (local.get $s1)) (then
            (local.set $n (call $targets (local.get $pos) (local.get $val) (local.get $smp) (local.get $s0) (local.get $s1)
              (local.get $tgt) (local.get $tv)
              (i32.sub (local.get $ph) (i32.mul (local.get $ky) (local.get $dh)))
              (i32.sub (local.get $pw) (i32.mul (local.get $kx) (local.get $dw)))
              (local.get $sh) (local.get $sw) (local.get $outH) (local.get $outW)
              (i32.shl (local.get $outC) (i32.const 2)) (local.get $base) (local.get $same)))
            (if (local.get $same)
              (then (call $accumulateSame (local.get $tgt) (local.get $n) (local.get $wrow) (local.get $oPer) (local.get $v0)))
              (else (call $accumulate (local.get $tgt) (local.get $tv) (local.get $n) (local.get $wrow) (local.get $oPer))))
            (local.set $ops (f64.add (local.get $ops)
              (f64.mul (f64.convert_i32_u (local.get $n)) (f64.convert_i32_u (local.get $oPer)))))))
          (local.set $wrow (i32.add (local.get $wrow) (i32.shl (local.get $oPer) (i32.const 2))))
          (local.set $kx (i32.add (local.get $kx) (i32.const 1)))
          (br $nextKX)))
        (local.set $ky (i32.add (local.get $ky) (i32.const 1)))
        (br $nextKY)))
      (local.set $c (i32.add (local.get $c) (i32.const 1)))
      (br $nextC)))
    (local.get $ops)))
