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
  (memory (export "memory") 1)

  ;; Output byte addresses (tgt) and, unless $same (they all carry one value), values (tv) of the events of one
  ;; channel under one kernel offset.
  (func $targets
    (param $pos i32) (param $val i32) (param $smp i32) (param $s0 i32) (param $s1 i32) (param $tgt i32) (param $tv i32)
    (param $offY i32) (param $offX i32) (param $sh i32) (param $sw i32) (param $outH i32) (param $outW i32)
    (param $rowBytes i32) (param $base i32) (param $same i32)
    (result i32)
    (local $s i32) (local $p i32) (local $ny i32) (local $nx i32) (local $n i32)
    (local.set $s (local.get $s0))
    (block $done (loop $next
      (br_if $done (i32.ge_u (local.get $s) (local.get $s1)))
      (local.set $p (i32.load (i32.add (local.get $pos) (i32.shl (local.get $s) (i32.const 2)))))
      (local.set $ny (i32.add (i32.shr_u (local.get $p) (i32.const 16)) (local.get $offY)))
      (local.set $nx (i32.add (i32.and (local.get $p) (i32.const 0xffff)) (local.get $offX)))
      (block $skip
        (br_if $skip (i32.lt_s (local.get $ny) (i32.const 0)))
        (br_if $skip (i32.lt_s (local.get $nx) (i32.const 0)))
        (if (i32.ne (local.get $sh) (i32.const 1)) (then
          (br_if $skip (i32.rem_u (local.get $ny) (local.get $sh)))
          (local.set $ny (i32.div_u (local.get $ny) (local.get $sh)))))
        (if (i32.ne (local.get $sw) (i32.const 1)) (then
          (br_if $skip (i32.rem_u (local.get $nx) (local.get $sw)))
          (local.set $nx (i32.div_u (local.get $nx) (local.get $sw)))))
        (br_if $skip (i32.ge_s (local.get $ny) (local.get $outH)))
        (br_if $skip (i32.ge_s (local.get $nx) (local.get $outW)))
        (i32.store (i32.add (local.get $tgt) (i32.shl (local.get $n) (i32.const 2)))
          (i32.add (i32.add (local.get $base) (i32.load (i32.add (local.get $smp) (i32.shl (local.get $s) (i32.const 2)))))
            (i32.mul (i32.add (i32.mul (local.get $ny) (local.get $outW)) (local.get $nx)) (local.get $rowBytes))))
        (if (i32.eqz (local.get $same)) (then
          (f32.store (i32.add (local.get $tv) (i32.shl (local.get $n) (i32.const 2)))
            (f32.load (i32.add (local.get $val) (i32.shl (local.get $s) (i32.const 2)))))))
        (local.set $n (i32.add (local.get $n) (i32.const 1))))
      (local.set $s (i32.add (local.get $s) (i32.const 1)))
      (br $next)))
    (local.get $n))

  ;; out[tgt[t] + o] += tv[t] · w[o] for t < n, o < width (width in floats).
  (func $accumulate (param $tgt i32) (param $tv i32) (param $n i32) (param $w i32) (param $width i32)
    (local $o i32) (local $end i32) (local $t i32) (local $a i32) (local $vv v128) (local $v f32) (local $wo f32)
    (local $a2 i32) (local $vv2 v128) (local $p i32) (local $q i32) (local $pe i32)
    (local $w0 v128) (local $w1 v128) (local $w2 v128) (local $w3 v128)
    (local $w4 v128) (local $w5 v128) (local $w6 v128) (local $w7 v128)
    (local.set $end (i32.shl (local.get $width) (i32.const 2)))
    ;; 32 floats at a time, the weight slice in eight registers
    (block $done32 (loop $next32
      (br_if $done32 (i32.gt_u (i32.add (local.get $o) (i32.const 128)) (local.get $end)))
      (local.set $a (i32.add (local.get $w) (local.get $o)))
      (local.set $w0 (v128.load offset=0 (local.get $a)))
      (local.set $w1 (v128.load offset=16 (local.get $a)))
      (local.set $w2 (v128.load offset=32 (local.get $a)))
      (local.set $w3 (v128.load offset=48 (local.get $a)))
      (local.set $w4 (v128.load offset=64 (local.get $a)))
      (local.set $w5 (v128.load offset=80 (local.get $a)))
      (local.set $w6 (v128.load offset=96 (local.get $a)))
      (local.set $w7 (v128.load offset=112 (local.get $a)))
      (local.set $p (local.get $tgt))
      (local.set $q (local.get $tv))
      (local.set $pe (i32.add (local.get $tgt) (i32.and (i32.shl (local.get $n) (i32.const 2)) (i32.const -8))))
      ;; two events at a time (their rows differ: no aliasing), then the odd one
      (block $doneT (loop $nextT
        (br_if $doneT (i32.ge_u (local.get $p) (local.get $pe)))
        (local.set $a (i32.add (i32.load (local.get $p)) (local.get $o)))
        (local.set $a2 (i32.add (i32.load offset=4 (local.get $p)) (local.get $o)))
        (local.set $vv (f32x4.splat (f32.load (local.get $q))))
        (local.set $vv2 (f32x4.splat (f32.load offset=4 (local.get $q))))
        (v128.store offset=0 (local.get $a) (f32x4.add (v128.load offset=0 (local.get $a)) (f32x4.mul (local.get $vv) (local.get $w0))))
        (v128.store offset=16 (local.get $a) (f32x4.add (v128.load offset=16 (local.get $a)) (f32x4.mul (local.get $vv) (local.get $w1))))
        (v128.store offset=32 (local.get $a) (f32x4.add (v128.load offset=32 (local.get $a)) (f32x4.mul (local.get $vv) (local.get $w2))))
        (v128.store offset=48 (local.get $a) (f32x4.add (v128.load offset=48 (local.get $a)) (f32x4.mul (local.get $vv) (local.get $w3))))
        (v128.store offset=64 (local.get $a) (f32x4.add (v128.load offset=64 (local.get $a)) (f32x4.mul (local.get $vv) (local.get $w4))))
        (v128.store offset=80 (local.get $a) (f32x4.add (v128.load offset=80 (local.get $a)) (f32x4.mul (local.get $vv) (local.get $w5))))
        (v128.store offset=96 (local.get $a) (f32x4.add (v128.load offset=96 (local.get $a)) (f32x4.mul (local.get $vv) (local.get $w6))))
        (v128.store offset=112 (local.get $a) (f32x4.add (v128.load offset=112 (local.get $a)) (f32x4.mul (local.get $vv) (local.get $w7))))
        (v128.store offset=0 (local.get $a2) (f32x4.add (v128.load offset=0 (local.get $a2)) (f32x4.mul (local.get $vv2) (local.get $w0))))
        (v128.store offset=16 (local.get $a2) (f32x4.add (v128.load offset=16 (local.get $a2)) (f32x4.mul (local.get $vv2) (local.get $w1))))
        (v128.store offset=32 (local.get $a2) (f32x4.add (v128.load offset=32 (local.get $a2)) (f32x4.mul (local.get $vv2) (local.get $w2))))
        (v128.store offset=48 (local.get $a2) (f32x4.add (v128.load offset=48 (local.get $a2)) (f32x4.mul (local.get $vv2) (local.get $w3))))
        (v128.store offset=64 (local.get $a2) (f32x4.add (v128.load offset=64 (local.get $a2)) (f32x4.mul (local.get $vv2) (local.get $w4))))
        (v128.store offset=80 (local.get $a2) (f32x4.add (v128.load offset=80 (local.get $a2)) (f32x4.mul (local.get $vv2) (local.get $w5))))
        (v128.store offset=96 (local.get $a2) (f32x4.add (v128.load offset=96 (local.get $a2)) (f32x4.mul (local.get $vv2) (local.get $w6))))
        (v128.store offset=112 (local.get $a2) (f32x4.add (v128.load offset=112 (local.get $a2)) (f32x4.mul (local.get $vv2) (local.get $w7))))
        (local.set $p (i32.add (local.get $p) (i32.const 8)))
        (local.set $q (i32.add (local.get $q) (i32.const 8)))
        (br $nextT)))
      (if (i32.and (local.get $n) (i32.const 1)) (then
        (local.set $a (i32.add (i32.load (local.get $p)) (local.get $o)))
        (local.set $vv (f32x4.splat (f32.load (local.get $q))))
        (v128.store offset=0 (local.get $a) (f32x4.add (v128.load offset=0 (local.get $a)) (f32x4.mul (local.get $vv) (local.get $w0))))
        (v128.store offset=16 (local.get $a) (f32x4.add (v128.load offset=16 (local.get $a)) (f32x4.mul (local.get $vv) (local.get $w1))))
        (v128.store offset=32 (local.get $a) (f32x4.add (v128.load offset=32 (local.get $a)) (f32x4.mul (local.get $vv) (local.get $w2))))
        (v128.store offset=48 (local.get $a) (f32x4.add (v128.load offset=48 (local.get $a)) (f32x4.mul (local.get $vv) (local.get $w3))))
        (v128.store offset=64 (local.get $a) (f32x4.add (v128.load offset=64 (local.get $a)) (f32x4.mul (local.get $vv) (local.get $w4))))
        (v128.store offset=80 (local.get $a) (f32x4.add (v128.load offset=80 (local.get $a)) (f32x4.mul (local.get $vv) (local.get $w5))))
        (v128.store offset=96 (local.get $a) (f32x4.add (v128.load offset=96 (local.get $a)) (f32x4.mul (local.get $vv) (local.get $w6))))
        (v128.store offset=112 (local.get $a) (f32x4.add (v128.load offset=112 (local.get $a)) (f32x4.mul (local.get $vv) (local.get $w7))))))
      (local.set $o (i32.add (local.get $o) (i32.const 128)))
      (br $next32)))
    ;; 4 floats at a time
    (block $done4 (loop $next4
      (br_if $done4 (i32.gt_u (i32.add (local.get $o) (i32.const 16)) (local.get $end)))
      (local.set $w0 (v128.load (i32.add (local.get $w) (local.get $o))))
      (local.set $t (i32.const 0))
      (block $doneT (loop $nextT
        (br_if $doneT (i32.ge_u (local.get $t) (local.get $n)))
        (local.set $a (i32.add (i32.load (i32.add (local.get $tgt) (i32.shl (local.get $t) (i32.const 2)))) (local.get $o)))
        (local.set $vv (f32x4.splat (f32.load (i32.add (local.get $tv) (i32.shl (local.get $t) (i32.const 2))))))
        (v128.store (local.get $a) (f32x4.add (v128.load (local.get $a)) (f32x4.mul (local.get $vv) (local.get $w0))))
        (local.set $t (i32.add (local.get $t) (i32.const 1)))
        (br $nextT)))
      (local.set $o (i32.add (local.get $o) (i32.const 16)))
      (br $next4)))
    ;; the rest, one float at a time
    (block $done1 (loop $next1
      (br_if $done1 (i32.ge_u (local.get $o) (local.get $end)))
      (local.set $wo (f32.load (i32.add (local.get $w) (local.get $o))))
      (local.set $t (i32.const 0))
      (block $doneT (loop $nextT
        (br_if $doneT (i32.ge_u (local.get $t) (local.get $n)))
        (local.set $a (i32.add (i32.load (i32.add (local.get $tgt) (i32.shl (local.get $t) (i32.const 2)))) (local.get $o)))
        (local.set $v (f32.load (i32.add (local.get $tv) (i32.shl (local.get $t) (i32.const 2)))))
        (f32.store (local.get $a) (f32.add (f32.load (local.get $a)) (f32.mul (local.get $v) (local.get $wo))))
        (local.set $t (i32.add (local.get $t) (i32.const 1)))
        (br $nextT)))
      (local.set $o (i32.add (local.get $o) (i32.const 4)))
      (br $next1))))

  ;; The same when every event has the value $v: v × w is the same product for all of them, so it is taken
  ;; once (v × the weight slice, in registers) and each event only adds it (the same bits as accumulate).
  (func $accumulateSame (param $tgt i32) (param $n i32) (param $w i32) (param $width i32) (param $v f32)
    (local $o i32) (local $end i32) (local $t i32) (local $a i32) (local $vv v128) (local $wo f32)
    (local $a2 i32) (local $p i32) (local $pe i32)
    (local $w0 v128) (local $w1 v128) (local $w2 v128) (local $w3 v128)
    (local $w4 v128) (local $w5 v128) (local $w6 v128) (local $w7 v128)
    (local.set $end (i32.shl (local.get $width) (i32.const 2)))
    (local.set $vv (f32x4.splat (local.get $v)))
    (block $done32 (loop $next32
      (br_if $done32 (i32.gt_u (i32.add (local.get $o) (i32.const 128)) (local.get $end)))
      (local.set $a (i32.add (local.get $w) (local.get $o)))
      (local.set $w0 (f32x4.mul (local.get $vv) (v128.load offset=0 (local.get $a))))
      (local.set $w1 (f32x4.mul (local.get $vv) (v128.load offset=16 (local.get $a))))
      (local.set $w2 (f32x4.mul (local.get $vv) (v128.load offset=32 (local.get $a))))
      (local.set $w3 (f32x4.mul (local.get $vv) (v128.load offset=48 (local.get $a))))
      (local.set $w4 (f32x4.mul (local.get $vv) (v128.load offset=64 (local.get $a))))
      (local.set $w5 (f32x4.mul (local.get $vv) (v128.load offset=80 (local.get $a))))
      (local.set $w6 (f32x4.mul (local.get $vv) (v128.load offset=96 (local.get $a))))
      (local.set $w7 (f32x4.mul (local.get $vv) (v128.load offset=112 (local.get $a))))
      (local.set $t (i32.shl (local.get $n) (i32.const 2)))
      (local.set $p (local.get $tgt))
      (local.set $pe (i32.add (local.get $tgt) (i32.and (local.get $t) (i32.const -8))))
      ;; two events at a time (their rows differ: no aliasing), then the odd one
      (block $doneT (loop $nextT
        (br_if $doneT (i32.ge_u (local.get $p) (local.get $pe)))
        (local.set $a (i32.add (i32.load (local.get $p)) (local.get $o)))
        (local.set $a2 (i32.add (i32.load offset=4 (local.get $p)) (local.get $o)))
        (v128.store offset=0 (local.get $a) (f32x4.add (v128.load offset=0 (local.get $a)) (local.get $w0)))
        (v128.store offset=16 (local.get $a) (f32x4.add (v128.load offset=16 (local.get $a)) (local.get $w1)))
        (v128.store offset=32 (local.get $a) (f32x4.add (v128.load offset=32 (local.get $a)) (local.get $w2)))
        (v128.store offset=48 (local.get $a) (f32x4.add (v128.load offset=48 (local.get $a)) (local.get $w3)))
        (v128.store offset=64 (local.get $a) (f32x4.add (v128.load offset=64 (local.get $a)) (local.get $w4)))
        (v128.store offset=80 (local.get $a) (f32x4.add (v128.load offset=80 (local.get $a)) (local.get $w5)))
        (v128.store offset=96 (local.get $a) (f32x4.add (v128.load offset=96 (local.get $a)) (local.get $w6)))
        (v128.store offset=112 (local.get $a) (f32x4.add (v128.load offset=112 (local.get $a)) (local.get $w7)))
        (v128.store offset=0 (local.get $a2) (f32x4.add (v128.load offset=0 (local.get $a2)) (local.get $w0)))
        (v128.store offset=16 (local.get $a2) (f32x4.add (v128.load offset=16 (local.get $a2)) (local.get $w1)))
        (v128.store offset=32 (local.get $a2) (f32x4.add (v128.load offset=32 (local.get $a2)) (local.get $w2)))
        (v128.store offset=48 (local.get $a2) (f32x4.add (v128.load offset=48 (local.get $a2)) (local.get $w3)))
        (v128.store offset=64 (local.get $a2) (f32x4.add (v128.load offset=64 (local.get $a2)) (local.get $w4)))
        (v128.store offset=80 (local.get $a2) (f32x4.add (v128.load offset=80 (local.get $a2)) (local.get $w5)))
        (v128.store offset=96 (local.get $a2) (f32x4.add (v128.load offset=96 (local.get $a2)) (local.get $w6)))
        (v128.store offset=112 (local.get $a2) (f32x4.add (v128.load offset=112 (local.get $a2)) (local.get $w7)))
        (local.set $p (i32.add (local.get $p) (i32.const 8)))
        (br $nextT)))
      (if (i32.and (local.get $n) (i32.const 1)) (then
        (local.set $a (i32.add (i32.load (local.get $p)) (local.get $o)))
        (v128.store offset=0 (local.get $a) (f32x4.add (v128.load offset=0 (local.get $a)) (local.get $w0)))
        (v128.store offset=16 (local.get $a) (f32x4.add (v128.load offset=16 (local.get $a)) (local.get $w1)))
        (v128.store offset=32 (local.get $a) (f32x4.add (v128.load offset=32 (local.get $a)) (local.get $w2)))
        (v128.store offset=48 (local.get $a) (f32x4.add (v128.load offset=48 (local.get $a)) (local.get $w3)))
        (v128.store offset=64 (local.get $a) (f32x4.add (v128.load offset=64 (local.get $a)) (local.get $w4)))
        (v128.store offset=80 (local.get $a) (f32x4.add (v128.load offset=80 (local.get $a)) (local.get $w5)))
        (v128.store offset=96 (local.get $a) (f32x4.add (v128.load offset=96 (local.get $a)) (local.get $w6)))
        (v128.store offset=112 (local.get $a) (f32x4.add (v128.load offset=112 (local.get $a)) (local.get $w7)))))
      (local.set $o (i32.add (local.get $o) (i32.const 128)))
      (br $next32)))
    (block $done4 (loop $next4
      (br_if $done4 (i32.gt_u (i32.add (local.get $o) (i32.const 16)) (local.get $end)))
      (local.set $w0 (f32x4.mul (local.get $vv) (v128.load (i32.add (local.get $w) (local.get $o)))))
      (local.set $t (i32.const 0))
      (block $doneT (loop $nextT
        (br_if $doneT (i32.ge_u (local.get $t) (local.get $n)))
        (local.set $a (i32.add (i32.load (i32.add (local.get $tgt) (i32.shl (local.get $t) (i32.const 2)))) (local.get $o)))
        (v128.store (local.get $a) (f32x4.add (v128.load (local.get $a)) (local.get $w0)))
        (local.set $t (i32.add (local.get $t) (i32.const 1)))
        (br $nextT)))
      (local.set $o (i32.add (local.get $o) (i32.const 16)))
      (br $next4)))
    (block $done1 (loop $next1
      (br_if $done1 (i32.ge_u (local.get $o) (local.get $end)))
      (local.set $wo (f32.mul (local.get $v) (f32.load (i32.add (local.get $w) (local.get $o)))))
      (local.set $t (i32.const 0))
      (block $doneT (loop $nextT
        (br_if $doneT (i32.ge_u (local.get $t) (local.get $n)))
        (local.set $a (i32.add (i32.load (i32.add (local.get $tgt) (i32.shl (local.get $t) (i32.const 2)))) (local.get $o)))
        (f32.store (local.get $a) (f32.add (f32.load (local.get $a)) (local.get $wo)))
        (local.set $t (i32.add (local.get $t) (i32.const 1)))
        (br $nextT)))
      (local.set $o (i32.add (local.get $o) (i32.const 4)))
      (br $next1))))

  ;; One timestep of a layer of n IF neurons (membranes v, input currents cur, outputs out; float32):
  ;; u = v + I; m = [u ≥ θ]; v ← u − (m & θ); out = m & θ, four neurons at a time, the rest one at a time.
  ;; Bit-identical to integrateAndFire in ../run.ts (u − 0 = u for every u, −0 included). Returns the spikes.
  (func (export "integrate_and_fire") (param $v i32) (param $cur i32) (param $out i32) (param $n i32) (param $theta f32)
    (result i32)
    (local $th v128) (local $u v128) (local $m v128) (local $s v128) (local $cnt v128)
    (local $i i32) (local $end i32) (local $all i32) (local $fired i32) (local $uf f32)
    (local.set $th (f32x4.splat (local.get $theta)))
    (local.set $end (i32.shl (i32.and (local.get $n) (i32.const -4)) (i32.const 2)))
    (local.set $all (i32.shl (local.get $n) (i32.const 2)))
    (block $done4 (loop $next4
      (br_if $done4 (i32.ge_u (local.get $i) (local.get $end)))
      (local.set $u (f32x4.add (v128.load (i32.add (local.get $v) (local.get $i)))
        (v128.load (i32.add (local.get $cur) (local.get $i)))))
      (local.set $m (f32x4.ge (local.get $u) (local.get $th)))
      (local.set $s (v128.and (local.get $m) (local.get $th)))
      (v128.store (i32.add (local.get $v) (local.get $i)) (f32x4.sub (local.get $u) (local.get $s)))
      (v128.store (i32.add (local.get $out) (local.get $i)) (local.get $s))
      (local.set $cnt (i32x4.sub (local.get $cnt) (local.get $m)))
      (local.set $i (i32.add (local.get $i) (i32.const 16)))
      (br $next4)))
    (local.set $fired (i32.add
      (i32.add (i32x4.extract_lane 0 (local.get $cnt)) (i32x4.extract_lane 1 (local.get $cnt)))
      (i32.add (i32x4.extract_lane 2 (local.get $cnt)) (i32x4.extract_lane 3 (local.get $cnt)))))
    (block $done1 (loop $next1
      (br_if $done1 (i32.ge_u (local.get $i) (local.get $all)))
      (local.set $uf (f32.add (f32.load (i32.add (local.get $v) (local.get $i))) (f32.load (i32.add (local.get $cur) (local.get $i)))))
      (if (f32.ge (local.get $uf) (local.get $theta))
        (then
          (f32.store (i32.add (local.get $v) (local.get $i)) (f32.sub (local.get $uf) (local.get $theta)))
          (f32.store (i32.add (local.get $out) (local.get $i)) (local.get $theta))
          (local.set $fired (i32.add (local.get $fired) (i32.const 1))))
        (else
          (f32.store (i32.add (local.get $v) (local.get $i)) (local.get $uf))
          (f32.store (i32.add (local.get $out) (local.get $i)) (f32.const 0))))
      (local.set $i (i32.add (local.get $i) (i32.const 4)))
      (br $next1)))
    (local.get $fired))

  ;; The per-channel event lists of `samples` HWC samples of `positions` positions × inC channels at $x, as
  ;; eventListsInto in ../events.ts builds them (count must arrive zeroed): sample by sample, position by
  ;; position, channel by channel. A position's channels are taken 16 at a time (4 when inC is not a multiple
  ;; of 16, 1 when not of 4): one comparison with zero (+0 and −0 are no events) gives a bit mask, and only
  ;; its set bits are visited. Returns the number of events.
  (func (export "event_lists") (param $x i32) (param $positions i32) (param $inW i32) (param $inC i32) (param $samples i32)
    (param $outPlaneBytes i32) (param $pos i32) (param $val i32) (param $smp i32) (param $count i32) (param $stride i32)
    (result i32)
    (local $b i32) (local $q i32) (local $iy i32) (local $ix i32) (local $c i32) (local $a i32) (local $e i32) (local $m i32)
    (local $packed i32) (local $sampleBytes i32) (local $n i32) (local $step i32) (local $ca i32) (local $k i32) (local $z v128)
    (local.set $a (local.get $x))
    (local.set $step (select (i32.const 16) (select (i32.const 4) (i32.const 1)
      (i32.eqz (i32.and (local.get $inC) (i32.const 3))))
      (i32.eqz (i32.and (local.get $inC) (i32.const 15)))))
    (block $doneB (loop $nextB
      (br_if $doneB (i32.ge_u (local.get $b) (local.get $samples)))
      (local.set $sampleBytes (i32.mul (local.get $b) (local.get $outPlaneBytes)))
      (local.set $q (i32.const 0))
      (local.set $iy (i32.const 0))
      (local.set $ix (i32.const 0))
      (block $doneQ (loop $nextQ
        (br_if $doneQ (i32.ge_u (local.get $q) (local.get $positions)))
        (local.set $packed (i32.or (i32.shl (local.get $iy) (i32.const 16)) (local.get $ix)))
        (local.set $c (i32.const 0))
        (block $doneG (loop $nextG
          (br_if $doneG (i32.ge_u (local.get $c) (local.get $inC)))
          ;; the mask of this group's non-zero channels
          (if (i32.eq (local.get $step) (i32.const 16))
            (then (local.set $m (i32.or
              (i32.or (i32x4.bitmask (f32x4.ne (v128.load offset=0 (local.get $a)) (local.get $z)))
                (i32.shl (i32x4.bitmask (f32x4.ne (v128.load offset=16 (local.get $a)) (local.get $z))) (i32.const 4)))
              (i32.or (i32.shl (i32x4.bitmask (f32x4.ne (v128.load offset=32 (local.get $a)) (local.get $z))) (i32.const 8))
                (i32.shl (i32x4.bitmask (f32x4.ne (v128.load offset=48 (local.get $a)) (local.get $z))) (i32.const 12))))))
            (else (if (i32.eq (local.get $step) (i32.const 4))
              (then (local.set $m (i32x4.bitmask (f32x4.ne (v128.load (local.get $a)) (local.get $z)))))
              (else (local.set $m (f32.ne (f32.load (local.get $a)) (f32.const 0)))))))
          (block $doneM (loop $nextM
            (br_if $doneM (i32.eqz (local.get $m)))
            (local.set $k (i32.ctz (local.get $m)))
            (local.set $m (i32.and (local.get $m) (i32.sub (local.get $m) (i32.const 1))))
            (local.set $e (i32.add (local.get $a) (i32.shl (local.get $k) (i32.const 2))))
            (local.set $ca (i32.add (local.get $count) (i32.shl (i32.add (local.get $c) (local.get $k)) (i32.const 2))))
            (local.set $k (i32.add (i32.mul (i32.add (local.get $c) (local.get $k)) (local.get $stride)) (i32.load (local.get $ca))))
            (i32.store (local.get $ca) (i32.add (i32.load (local.get $ca)) (i32.const 1)))
            (local.set $k (i32.shl (local.get $k) (i32.const 2)))
            (i32.store (i32.add (local.get $pos) (local.get $k)) (local.get $packed))
            (f32.store (i32.add (local.get $val) (local.get $k)) (f32.load (local.get $e)))
            (i32.store (i32.add (local.get $smp) (local.get $k)) (local.get $sampleBytes))
            (local.set $n (i32.add (local.get $n) (i32.const 1)))
            (br $nextM)))
          (local.set $a (i32.add (local.get $a) (i32.shl (local.get $step) (i32.const 2))))
          (local.set $c (i32.add (local.get $c) (local.get $step)))
          (br $nextG)))
        (local.set $ix (i32.add (local.get $ix) (i32.const 1)))
        (if (i32.eq (local.get $ix) (local.get $inW)) (then
          (local.set $ix (i32.const 0))
          (local.set $iy (i32.add (local.get $iy) (i32.const 1)))))
        (local.set $q (i32.add (local.get $q) (i32.const 1)))
        (br $nextQ)))
      (local.set $b (i32.add (local.get $b) (i32.const 1)))
      (br $nextB)))
    (local.get $n))

  ;; 2×2, stride 2, unpadded max pooling of one HWC sample (c channels, output outH × outW, input rows of
  ;; inW positions): the maximum of four (f32x4.max / f32.max: like Math.max, −0 < +0, NaN wins).
  (func (export "max_pool_2x2") (param $x i32) (param $out i32) (param $outH i32) (param $outW i32) (param $c i32)
    (param $inW i32)
    (local $oy i32) (local $ox i32) (local $a i32) (local $o i32) (local $i i32) (local $row i32) (local $cb i32)
    (local $end4 i32)
    (local.set $row (i32.shl (i32.mul (local.get $inW) (local.get $c)) (i32.const 2)))
    (local.set $cb (i32.shl (local.get $c) (i32.const 2)))
    (local.set $end4 (i32.shl (i32.and (local.get $c) (i32.const -4)) (i32.const 2)))
    (local.set $o (local.get $out))
    (block $doneY (loop $nextY
      (br_if $doneY (i32.ge_u (local.get $oy) (local.get $outH)))
      (local.set $ox (i32.const 0))
      (block $doneX (loop $nextX
        (br_if $doneX (i32.ge_u (local.get $ox) (local.get $outW)))
        (local.set $a (i32.add (local.get $x) (i32.add
          (i32.mul (i32.shl (local.get $oy) (i32.const 1)) (local.get $row))
          (i32.mul (i32.shl (local.get $ox) (i32.const 1)) (local.get $cb)))))
        (local.set $i (i32.const 0))
        (block $done4 (loop $next4
          (br_if $done4 (i32.ge_u (local.get $i) (local.get $end4)))
          (v128.store (i32.add (local.get $o) (local.get $i))
            (f32x4.max
              (f32x4.max (v128.load (i32.add (local.get $a) (local.get $i)))
                (v128.load (i32.add (i32.add (local.get $a) (local.get $cb)) (local.get $i))))
              (f32x4.max (v128.load (i32.add (i32.add (local.get $a) (local.get $row)) (local.get $i)))
                (v128.load (i32.add (i32.add (i32.add (local.get $a) (local.get $row)) (local.get $cb)) (local.get $i))))))
          (local.set $i (i32.add (local.get $i) (i32.const 16)))
          (br $next4)))
        (block $done1 (loop $next1
          (br_if $done1 (i32.ge_u (local.get $i) (local.get $cb)))
          (f32.store (i32.add (local.get $o) (local.get $i))
            (f32.max
              (f32.max (f32.load (i32.add (local.get $a) (local.get $i)))
                (f32.load (i32.add (i32.add (local.get $a) (local.get $cb)) (local.get $i))))
              (f32.max (f32.load (i32.add (i32.add (local.get $a) (local.get $row)) (local.get $i)))
                (f32.load (i32.add (i32.add (i32.add (local.get $a) (local.get $row)) (local.get $cb)) (local.get $i))))))
          (local.set $i (i32.add (local.get $i) (i32.const 4)))
          (br $next1)))
        (local.set $o (i32.add (local.get $o) (local.get $cb)))
        (local.set $ox (i32.add (local.get $ox) (i32.const 1)))
        (br $nextX)))
      (local.set $oy (i32.add (local.get $oy) (i32.const 1)))
      (br $nextY))))

  ;; Every output row ($rows rows of $outC floats at $out) gets the bias ($outC floats at $b).
;; Dense rows for analog inputs (../dense.ts): for each of `rows` im2col rows of K floats at `col`,
;; out[r·outStride + o] = bias[o] + Σ_k col[r·K + k] · w[k·oPer + o] for o < oPer, the products added in
;; k order and k with col = 0 skipped (as the event kernels skip zero inputs), four outputs at a time in a
;; register. Returns the synaptic ops: non-zero inputs × oPer.
  (func (export "gemm_rows") (param $col i32) (param $K i32) (param $rows i32) (param $w i32) (param $oPer i32)
    (param $bias i32) (param $out i32) (param $outStride i32) (result f64)
    (local $r i32) (local $o i32) (local $k i32) (local $row i32) (local $dst i32) (local $a f32) (local $acc v128)
    (local $s f32) (local $nz i32) (local $ops f64) (local $o4 i32)
    (local.set $o4 (i32.and (local.get $oPer) (i32.const -4)))
    (block $doneR (loop $nextR
      (br_if $doneR (i32.ge_u (local.get $r) (local.get $rows)))
      (local.set $row (i32.add (local.get $col) (i32.shl (i32.mul (local.get $r) (local.get $K)) (i32.const 2))))
      (local.set $dst (i32.add (local.get $out) (i32.shl (i32.mul (local.get $r) (local.get $outStride)) (i32.const 2))))
      ;; the synaptic ops of this row: its non-zero inputs
      (local.set $nz (i32.const 0))
      (local.set $k (i32.const 0))
      (block $doneN (loop $nextN
        (br_if $doneN (i32.ge_u (local.get $k) (local.get $K)))
        (if (f32.ne (f32.load (i32.add (local.get $row) (i32.shl (local.get $k) (i32.const 2)))) (f32.const 0))
          (then (local.set $nz (i32.add (local.get $nz) (i32.const 1)))))
        (local.set $k (i32.add (local.get $k) (i32.const 1)))
        (br $nextN)))
      (local.set $ops (f64.add (local.get $ops)
        (f64.mul (f64.convert_i32_u (local.get $nz)) (f64.convert_i32_u (local.get $oPer)))))
      ;; four outputs at a time
      (local.set $o (i32.const 0))
      (block $done4 (loop $next4
        (br_if $done4 (i32.ge_u (local.get $o) (local.get $o4)))
        (local.set $acc (v128.load (i32.add (local.get $bias) (i32.shl (local.get $o) (i32.const 2)))))
        (local.set $k (i32.const 0))
        (block $doneK (loop $nextK
          (br_if $doneK (i32.ge_u (local.get $k) (local.get $K)))
          (local.set $a (f32.load (i32.add (local.get $row) (i32.shl (local.get $k) (i32.const 2)))))
          (if (f32.ne (local.get $a) (f32.const 0)) (then
            (local.set $acc (f32x4.add (local.get $acc)
              (f32x4.mul (f32x4.splat (local.get $a))
                (v128.load (i32.add (local.get $w)
                  (i32.shl (i32.add (i32.mul (local.get $k) (local.get $oPer)) (local.get $o)) (i32.const 2)))))))))
          (local.set $k (i32.add (local.get $k) (i32.const 1)))
          (br $nextK)))
        (v128.store (i32.add (local.get $dst) (i32.shl (local.get $o) (i32.const 2))) (local.get $acc))
        (local.set $o (i32.add (local.get $o) (i32.const 4)))
        (br $next4)))
      ;; the rest, one output at a time
      (block $done1 (loop $next1
        (br_if $done1 (i32.ge_u (local.get $o) (local.get $oPer)))
        (local.set $s (f32.load (i32.add (local.get $bias) (i32.shl (local.get $o) (i32.const 2)))))
        (local.set $k (i32.const 0))
        (block $doneK1 (loop $nextK1
          (br_if $doneK1 (i32.ge_u (local.get $k) (local.get $K)))
          (local.set $a (f32.load (i32.add (local.get $row) (i32.shl (local.get $k) (i32.const 2)))))
          (if (f32.ne (local.get $a) (f32.const 0)) (then
            (local.set $s (f32.add (local.get $s)
              (f32.mul (local.get $a)
                (f32.load (i32.add (local.get $w)
                  (i32.shl (i32.add (i32.mul (local.get $k) (local.get $oPer)) (local.get $o)) (i32.const 2)))))))))
          (local.set $k (i32.add (local.get $k) (i32.const 1)))
          (br $nextK1)))
        (f32.store (i32.add (local.get $dst) (i32.shl (local.get $o) (i32.const 2))) (local.get $s))
        (local.set $o (i32.add (local.get $o) (i32.const 1)))
        (br $next1)))
      (local.set $r (i32.add (local.get $r) (i32.const 1)))
      (br $nextR)))
    (local.get $ops))

  (func (export "fill_bias") (param $out i32) (param $rows i32) (param $b i32) (param $outC i32)
    (local $q i32) (local $i i32) (local $rowBytes i32) (local $end4 i32)
    (local.set $rowBytes (i32.shl (local.get $outC) (i32.const 2)))
    (local.set $end4 (i32.shl (i32.and (local.get $outC) (i32.const -4)) (i32.const 2)))
    (block $doneQ (loop $nextQ
      (br_if $doneQ (i32.ge_u (local.get $q) (local.get $rows)))
      (local.set $i (i32.const 0))
      (block $done4 (loop $next4
        (br_if $done4 (i32.ge_u (local.get $i) (local.get $end4)))
        (v128.store (i32.add (local.get $out) (local.get $i)) (v128.load (i32.add (local.get $b) (local.get $i))))
        (local.set $i (i32.add (local.get $i) (i32.const 16)))
        (br $next4)))
      (block $done1 (loop $next1
        (br_if $done1 (i32.ge_u (local.get $i) (local.get $rowBytes)))
        (f32.store (i32.add (local.get $out) (local.get $i)) (f32.load (i32.add (local.get $b) (local.get $i))))
        (local.set $i (i32.add (local.get $i) (i32.const 4)))
        (br $next1)))
      (local.set $out (i32.add (local.get $out) (local.get $rowBytes)))
      (local.set $q (i32.add (local.get $q) (i32.const 1)))
      (br $nextQ))))

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
